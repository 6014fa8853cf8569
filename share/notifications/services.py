"""Notifying people, and what they have been told. Features call `notify` in the same
transaction as what they tell about, so a notification exists exactly when its cause does.
"""

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from share.auth.models import User
from share.database import utcnow
from share.extensions import db
from share.notifications.models import Notification, NotificationKind
from share.paging import PER_PAGE

#: A quoted note is cut here: the notification points to the whole text.
NOTE_CHARS = 300


def notify(
    recipient: User | None,
    kind: NotificationKind,
    *,
    actor: User | None = None,
    material=None,
    anchor: str = "",
    note: str = "",
) -> Notification | None:
    """Tell `recipient` (nobody is told of their own act); returns the notification."""
    if recipient is None or (actor is not None and actor.id == recipient.id):
        return None
    notification = Notification(
        recipient=recipient,
        kind=kind,
        actor=actor,
        material=material,
        anchor=anchor,
        note=(note or "")[:NOTE_CHARS],
    )
    db.session.add(notification)
    return notification


def unread_count(user: User) -> int:
    statement = select(func.count()).where(
        Notification.recipient_id == user.id, Notification.read_at.is_(None)
    )
    return db.session.execute(statement).scalar_one()


def page_for(user: User, *, page: int):
    """A page of the user's notifications, newest first."""
    statement = (
        select(Notification)
        .where(Notification.recipient_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .options(selectinload(Notification.actor), selectinload(Notification.material))
    )
    return db.paginate(statement, page=page, per_page=PER_PAGE, error_out=False)


def mark_read(user: User, notifications: list[Notification]) -> None:
    """Mark the given notifications of `user` as read (seen on their page)."""
    ids = [n.id for n in notifications if n.read_at is None and n.recipient_id == user.id]
    if ids:
        db.session.execute(
            update(Notification)
            .where(Notification.id.in_(ids), Notification.recipient_id == user.id)
            .values(read_at=utcnow())
        )
