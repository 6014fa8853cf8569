"""The change log between the database and what is derived from it.

A service that changes something others keep a copy of (the search index now, people's
notifications next) records a change in the same transaction: a material changed, a person
was renamed, a unit moved to another area, a vocabulary term was renamed. Each consumer gets
its own row of every change and deletes it once applied, after the commit, so a consumer
never shows what the database does not say, and a crash between the two loses nothing:
the row is still there. The consumer reads the database again when it applies a change;
the row says only what to look at.

On PostgreSQL a transaction that records changes also notifies channel `NOTIFY_CHANNEL`,
which PostgreSQL delivers only when (and if) it commits: the search indexer wakes at once
instead of asking the table every moment.
"""

import enum
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import DateTime, Index, String, delete, func, select, text
from sqlalchemy.orm import Mapped, mapped_column

from share.database import enum_type, utcnow
from share.extensions import db


class ChangeKind(enum.StrEnum):
    #: Anything about a material, its files or its state; `subject_id` is the material.
    MATERIAL_CHANGED = "material-changed"
    #: A person's name changed; `subject_id` is the user.
    PERSON_RENAMED = "person-renamed"
    #: A unit moved to another area; `subject_id` is the unit.
    UNIT_MOVED = "unit-moved"
    #: A vocabulary term's name changed; `subject_id` is the term, `scope` its table.
    TERM_RENAMED = "term-renamed"


#: Who reads the log; each consumer gets its own copy of every change.
CONSUMERS = ("search",)
#: The PostgreSQL channel a committed change is announced on (LISTEN/NOTIFY).
NOTIFY_CHANNEL = "dela_change"


class Change(db.Model):
    __tablename__ = "change"
    # A consumer reads its oldest changes first.
    __table_args__ = (Index("ix_change_consumer_id", "consumer", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consumer: Mapped[str] = mapped_column(String(30))
    kind: Mapped[ChangeKind] = mapped_column(enum_type(ChangeKind, length=30))
    subject_id: Mapped[int]
    scope: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def record_change(kind: ChangeKind, subject_id: int, *, scope: str = "") -> None:
    """Record that `subject_id` changed, for every consumer, once this transaction commits."""
    db.session.add_all(
        Change(consumer=consumer, kind=kind, subject_id=subject_id, scope=scope)
        for consumer in CONSUMERS
    )
    if db.session.get_bind().dialect.name == "postgresql":
        # Once per transaction is enough: PostgreSQL folds equal notifications into one.
        db.session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": NOTIFY_CHANNEL})
    db.session.info["changes_recorded"] = True


def take_recorded_flag() -> bool:
    """Whether this session recorded changes since the last call (and forget it)."""
    return db.session.info.pop("changes_recorded", False)


def pending(
    consumer: str, limit: int, *, after: int = 0, skip: Collection[int] = ()
) -> list[Change]:
    """The oldest changes `consumer` has not applied yet, of those with ids above `after`
    and not in `skip`."""
    statement = select(Change).where(Change.consumer == consumer, Change.id > after)
    if skip:
        statement = statement.where(Change.id.not_in(list(skip)))
    return list(db.session.execute(statement.order_by(Change.id).limit(limit)).scalars())


def pending_count(consumer: str) -> int:
    statement = select(func.count()).select_from(Change).where(Change.consumer == consumer)
    return db.session.execute(statement).scalar_one()


def mark_applied(consumer: str, ids: Collection[int]) -> None:
    """Forget the changes `ids` for `consumer`."""
    db.session.execute(delete(Change).where(Change.consumer == consumer, Change.id.in_(list(ids))))
