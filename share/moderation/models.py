import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from share.auth.models import User
from share.database import enum_type, utcnow
from share.extensions import db
from share.materials.models import Material

#: Rows whose report is still waiting for a moderator.
_OPEN = text("resolved_at IS NULL")


class Resolution(enum.StrEnum):
    """What a moderator did about a report."""

    HIDDEN = "hidden"
    RESTORED = "restored"
    #: Looked at and kept as it is.
    DISMISSED = "dismissed"


class Flag(db.Model):
    """One colleague's report ("Anmäl") of something on Dela, until a moderator settles it.

    The reported thing is named by its kind (a key of share/moderation/kinds.py) and id, so
    every kind of thing can be reported without a column per kind. The material it belongs
    to is kept beside it: a moderator's queue is the reports about materials of their area.
    """

    __tablename__ = "flag"
    __table_args__ = (
        # One open report per person and thing: a second "Anmäl" updates the first.
        Index(
            "uq_flag_open_per_reporter",
            "kind",
            "object_id",
            "reporter_id",
            unique=True,
            sqlite_where=_OPEN,
            postgresql_where=_OPEN,
        ),
        # The queue: the open reports on the materials of an area.
        Index("ix_flag_material_id_resolved_at", "material_id", "resolved_at"),
        Index("ix_flag_kind_object_id", "kind", "object_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    object_id: Mapped[int]
    #: The material the thing is on (the thing itself for a material).
    material_id: Mapped[int] = mapped_column(ForeignKey("material.id", ondelete="CASCADE"))
    reporter_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Set when the reporter changed the reason of their open report.
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    resolution: Mapped[Resolution | None] = mapped_column(enum_type(Resolution, length=20))
    #: The moderator's note; for hidden and restored things it was sent to the writer.
    resolution_note: Mapped[str] = mapped_column(Text, default="")

    material: Mapped[Material] = relationship()
    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
