"""The audit log: every act of a moderator or an administrator, written in the same
transaction as the act, and never edited or deleted by Dela.

Ground that features call into, like the change log: it imports no feature.
"""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from share.database import utcnow
from share.extensions import db


class AuditEvent(db.Model):
    """Who did what to which object, when and why."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_created_at_id", "created_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    #: What was done, e.g. "material.hidden", "user.role", "term.renamed".
    action: Mapped[str] = mapped_column(String(60), index=True)
    #: The kind of object ("material", "comment", "user", …) and its id.
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int | None]
    #: How the object was called at the time, so the log reads well after it is gone.
    object_label: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    actor = relationship("User")


def record_audit(
    actor, action: str, object_type: str, object_id: int | None, *, label: str = "", reason=""
) -> AuditEvent:
    """Write one entry; flushes nothing, the request commits it with the act."""
    event = AuditEvent(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=(label or "")[:200],
        reason=str(reason or ""),
    )
    db.session.add(event)
    return event
