import enum
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from share.database import enum_type, utcnow
from share.extensions import db


class TextState(enum.StrEnum):
    """What text extraction gave for a file."""

    EXTRACTED = "extracted"
    #: The type carries text but this file gave none (broken, encrypted, scanned, timed out).
    NONE = "none"
    #: The type carries no text to extract (images, audio, video).
    NOT_APPLICABLE = "not_applicable"


class StoredFile(db.Model):
    """One file's content, stored once under its SHA-256 however many attachments use it.

    The row and the file on disk come and go together; the text and the thumbnail are
    derived from the content and can be made again from it.
    """

    __tablename__ = "stored_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    #: A key of the allow-list in share.storage.types, e.g. "pdf", "docx", "jpeg".
    file_type: Mapped[str] = mapped_column(String(20))
    mime_type: Mapped[str] = mapped_column(String(120))
    text: Mapped[str | None] = mapped_column(Text)
    text_state: Mapped[TextState] = mapped_column(enum_type(TextState, length=20))
    has_thumbnail: Mapped[bool] = mapped_column(default=False)
    #: The thumbnail's size in pixels, so a page can hold its place before it loads.
    thumbnail_width: Mapped[int | None]
    thumbnail_height: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def thumbnail_height_at(self, width: int) -> int | None:
        """The thumbnail's height when shown `width` pixels wide; None when not known."""
        if not (self.thumbnail_width and self.thumbnail_height):
            return None
        return max(1, round(self.thumbnail_height * width / self.thumbnail_width))

    def __repr__(self) -> str:
        return f"<StoredFile {self.sha256[:12]} {self.file_type}>"
