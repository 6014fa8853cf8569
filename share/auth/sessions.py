"""Signed-in sessions kept on the server, so that signing out ends them for good.

Flask-Login keeps what `User.get_id()` returns in the signed session cookie and, with
"keep me signed in", in the remember cookie. That value is a random token of a
`UserSession` row; the user loader finds the row by the token's digest. Deleting the row
(signing out, "sign out everywhere", a password change or reset, a deactivation) makes
both cookies worthless, even copies of them.
"""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.orm import joinedload

from share.auth.models import User, UserSession
from share.database import utcnow
from share.extensions import db
from share.rules import NotFound

USER_AGENT_LENGTH = UserSession.user_agent.type.length


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _lifetimes() -> tuple[timedelta, timedelta]:
    """How long a session lasts unused: (without, with "keep me signed in")."""
    config = current_app.config
    return config["PERMANENT_SESSION_LIFETIME"], config["REMEMBER_COOKIE_DURATION"]


def _live(now: datetime):
    """The SQL condition of a session that has not expired unused."""
    short, long = _lifetimes()
    return or_(
        and_(UserSession.remember.is_(False), UserSession.last_seen_at > now - short),
        and_(UserSession.remember.is_(True), UserSession.last_seen_at > now - long),
    )


def start_session(user: User, *, remember: bool, user_agent: str) -> UserSession:
    """A new session for `user`; `user.get_id()` gives its token from now on. The user's
    expired sessions are deleted on the way."""
    now = utcnow()
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id, ~_live(now)))
    token = secrets.token_urlsafe(32)
    row = UserSession(
        user=user,
        token_digest=_digest(token),
        remember=remember,
        user_agent=user_agent[:USER_AGENT_LENGTH],
        created_at=now,
        last_seen_at=now,
    )
    db.session.add(row)
    db.session.flush()
    user.session_token = token
    return row


def load_session_user(token: str) -> User | None:
    """Flask-Login's user loader: the active user of the live session with this token.

    Notes the session as seen, at most once every SESSION_TOUCH_INTERVAL, in a small
    transaction of its own: a page view must not write a row on every request, nor commit
    the request's own work.
    """
    now = utcnow()
    row = db.session.execute(
        select(UserSession)
        .options(joinedload(UserSession.user))
        .where(UserSession.token_digest == _digest(token), _live(now))
    ).scalar_one_or_none()
    if row is None or not row.user.active:
        return None
    interval = current_app.config["SESSION_TOUCH_INTERVAL"]
    if now - _aware(row.last_seen_at) >= interval:
        with db.engine.begin() as connection:
            # The condition again: another request of this browser may have just done it.
            connection.execute(
                update(UserSession)
                .where(UserSession.id == row.id, UserSession.last_seen_at < now - interval)
                .values(last_seen_at=now)
            )
    row.user.session_token = token
    return row.user


def _aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes (in UTC); PostgreSQL aware ones."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def current_session(user: User) -> UserSession | None:
    """The session `user` was loaded for in this request."""
    if not user.session_token:
        return None
    return db.session.execute(
        select(UserSession).where(UserSession.token_digest == _digest(user.session_token))
    ).scalar_one_or_none()


def live_sessions(user: User) -> list[UserSession]:
    """The user's sessions that have not expired, the most recently seen first."""
    return list(
        db.session.execute(
            select(UserSession)
            .where(UserSession.user_id == user.id, _live(utcnow()))
            .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())
        ).scalars()
    )


def end_session(user: User, session_id: int) -> bool:
    """End one of the user's own sessions; returns whether it was the current one.

    :raise NotFound: when it is not a session of this user (or is already ended).
    """
    row = db.session.get(UserSession, session_id)
    if row is None or row.user_id != user.id:
        raise NotFound
    current = current_session(user)
    db.session.delete(row)
    return current is not None and current.id == row.id


def end_current_session(user: User) -> None:
    """End the session `user` was loaded for in this request (signing out)."""
    row = current_session(user)
    if row is not None:
        db.session.delete(row)


def end_sessions(user: User, *, keep_current: bool = False) -> None:
    """End every session of the user, or every other one with `keep_current`."""
    statement = delete(UserSession).where(UserSession.user_id == user.id)
    current = current_session(user) if keep_current else None
    if current is not None:
        statement = statement.where(UserSession.id != current.id)
    db.session.execute(statement)
