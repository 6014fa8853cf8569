import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from share.auth.models import User
from share.database import enum_type, utcnow
from share.extensions import db


class NotificationKind(enum.StrEnum):
    TRY_REPORTED = "try-reported"
    FEEDBACK_RECEIVED = "feedback-received"
    FEEDBACK_ANSWERED = "feedback-answered"
    COMMENT_POSTED = "comment-posted"
    COMMENT_REPLIED = "comment-replied"
    VARIANT_MADE = "variant-made"
    HIDDEN_BY_MODERATOR = "hidden-by-moderator"
    RESTORED_BY_MODERATOR = "restored-by-moderator"


class Notification(db.Model):
    """Something `recipient` should hear of: who did it, to which material, and where on
    its page to look."""

    __tablename__ = "notification"
    # The bell counts a person's unread ones; the page lists theirs newest first.
    __table_args__ = (Index("ix_notification_recipient_id_read_at", "recipient_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    kind: Mapped[NotificationKind] = mapped_column(enum_type(NotificationKind, length=30))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    material_id: Mapped[int | None] = mapped_column(
        ForeignKey("material.id", ondelete="CASCADE"), index=True
    )
    #: Where on the material's page the thing is ("provat", "kommentar-12"), or "".
    anchor: Mapped[str] = mapped_column(String(60), default="")
    #: A moderator's note, or a short quote of what was written.
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    recipient: Mapped[User] = relationship(foreign_keys=[recipient_id])
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    material = relationship("Material")
