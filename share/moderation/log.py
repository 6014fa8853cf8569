"""Reading the audit log (share/audit.py writes it). Nothing here, or anywhere in Dela,
changes or deletes an entry."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import get_timezone
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from share.audit import AuditEvent
from share.auth.models import User
from share.extensions import db

#: Entries on one page of the log.
LOG_PER_PAGE = 50


@dataclass(frozen=True)
class LogFilter:
    """What the admin narrowed the log to; empty values filter nothing."""

    action: str = ""
    actor_email: str = ""
    object_type: str = ""
    #: The first and the last day to show, inclusive, in the site's time zone.
    since: date | None = None
    until: date | None = None


def _start_of(day: date) -> datetime:
    """Midnight at the start of `day` where the municipality is, in UTC."""
    return datetime.combine(day, time.min, tzinfo=get_timezone()).astimezone(UTC)


def _filtered(statement, wanted: LogFilter):
    if wanted.action:
        statement = statement.where(AuditEvent.action == wanted.action)
    if wanted.object_type:
        statement = statement.where(AuditEvent.object_type == wanted.object_type)
    email = wanted.actor_email.strip().lower()
    if email:
        # A part of the address is enough; % and _ typed into the box are plain characters.
        actors = select(User.id).where(User.email.contains(email, autoescape=True))
        statement = statement.where(AuditEvent.actor_id.in_(actors))
    if wanted.since:
        statement = statement.where(AuditEvent.created_at >= _start_of(wanted.since))
    if wanted.until:
        next_day = wanted.until + timedelta(days=1)
        statement = statement.where(AuditEvent.created_at < _start_of(next_day))
    return statement


def audit_page(wanted: LogFilter, *, page: int):
    """A page of the entries `wanted` lets through, newest first."""
    statement = _filtered(select(AuditEvent), wanted).order_by(
        AuditEvent.created_at.desc(), AuditEvent.id.desc()
    )
    statement = statement.options(selectinload(AuditEvent.actor))
    return db.paginate(statement, page=page, per_page=LOG_PER_PAGE, error_out=False)


def _distinct(column) -> list[str]:
    return list(db.session.execute(select(column).distinct().order_by(column)).scalars())


def logged_actions() -> list[str]:
    """The actions the log holds, for the filter's choices."""
    return _distinct(AuditEvent.action)


def logged_object_types() -> list[str]:
    return _distinct(AuditEvent.object_type)
