import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from share.auth.models import User
from share.database import enum_type, utcnow
from share.extensions import db
from share.materials.models import Material


class FeedbackKind(enum.StrEnum):
    """What a message to the author is: what worked, a question, or a suggestion."""

    WORKED = "worked"
    QUESTION = "question"
    SUGGESTION = "suggestion"


class Feedback(db.Model):
    """Formative feedback: a private message from a colleague to a material's author, and
    the author's one answer. Only its writer and the author see it."""

    __tablename__ = "feedback"
    # The material page lists a material's feedback oldest first; the history counts the
    # writers between two revisions.
    __table_args__ = (Index("ix_feedback_material_id_created_at", "material_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    material_id: Mapped[int] = mapped_column(ForeignKey("material.id", ondelete="CASCADE"))
    writer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    kind: Mapped[FeedbackKind] = mapped_column(enum_type(FeedbackKind, length=20))
    text: Mapped[str] = mapped_column(Text)
    #: The author's answer; None until they answer (once).
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Hidden by a moderator: shown to nobody but its writer, not even the author.
    hidden: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    material: Mapped[Material] = relationship()
    writer: Mapped[User] = relationship()


class Comment(db.Model):
    """A public comment on a material, or a reply to one (one level: `parent` is always a
    top-level comment)."""

    __tablename__ = "comment"
    # The material page lists top-level comments oldest first, each with its replies.
    __table_args__ = (
        Index("ix_comment_material_id_parent_id_created_at",
              "material_id", "parent_id", "created_at"),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    material_id: Mapped[int] = mapped_column(ForeignKey("material.id", ondelete="CASCADE"))
    writer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comment.id", ondelete="CASCADE"), index=True
    )
    #: Plain text; links are made clickable on display. Emptied when deleted.
    text: Mapped[str] = mapped_column(Text)
    #: Hidden by a moderator: shown only to its writer, marked as hidden.
    hidden: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: When its writer last changed the text ("redigerad"); None if never.
    edited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Deleted by its writer while it had replies: it stays, without its text, so the
    #: replies keep their place. A comment without replies is deleted for real.
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    material: Mapped[Material] = relationship()
    writer: Mapped[User] = relationship()
    parent: Mapped["Comment | None"] = relationship(remote_side=[id])

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None
