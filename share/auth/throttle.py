"""Throttling password guesses per account, without letting a guesser lock the owner out.

Every wrong password (at sign-in, re-confirmation and password change) is stored as a
`SignInFailure` of the e-mail address it was typed for and the client address it came from.

- One client address that fails LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS times for an
  account within LOGIN_FAILURE_WINDOW is refused for that account until the window passes.
- Failures for an account from all addresses together slow further guesses down: past
  LOGIN_FAILURES_BEFORE_SLOWDOWN within LOGIN_SLOWDOWN_WINDOW, an address that failed for
  it must wait a delay that doubles with each failure after the account's last one.
- An address with no recent failure for the account is never refused here, so the owner
  with the right password gets in while someone elsewhere guesses. (Limits per client
  address across accounts are Flask-Limiter's, in the views.)

Unknown e-mail addresses are counted just like accounts, so throttling tells nobody which
addresses have one. Failures are written in a transaction of their own: the request's may
roll back, the failure must count.
"""

import math
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, insert, select

from share.auth.models import SignInFailure, User
from share.database import utcnow
from share.extensions import db
from share.rules import DomainError

ADDRESS_LENGTH = SignInFailure.address.type.length


class TooManyAttempts(DomainError):
    """Refused before the password is checked; answered with 429."""

    def __init__(self, wait: timedelta) -> None:
        seconds = max(1, math.ceil(wait.total_seconds()))
        if seconds < 120:
            message = _l(
                "Too many failed attempts for this account. Wait %(seconds)s seconds and "
                "try again.",
                seconds=seconds,
            )
        else:
            message = _l(
                "Too many failed attempts for this account. Wait %(minutes)s minutes and "
                "try again.",
                minutes=math.ceil(seconds / 60),
            )
        super().__init__(message)
        self.wait = wait


def _failures(email: str, since, address: str | None = None):
    statement = select(func.count(), func.max(SignInFailure.created_at)).where(
        SignInFailure.email == email, SignInFailure.created_at > since
    )
    if address is not None:
        statement = statement.where(SignInFailure.address == address)
    count, latest = db.session.execute(statement).one()
    return count, latest


def slowdown(failures: int) -> timedelta:
    """How long after an account's last failure the next guess must wait."""
    config = current_app.config
    beyond = failures - config["LOGIN_FAILURES_BEFORE_SLOWDOWN"]
    if beyond < 0:
        return timedelta(0)
    ceiling = config["LOGIN_SLOWDOWN_MAX"]
    return ceiling if beyond >= 30 else min(timedelta(seconds=2 ** (beyond + 1)), ceiling)


def check_attempt(email: str, address: str) -> None:
    """:raise TooManyAttempts: when this address may not try a password for `email` now."""
    config = current_app.config
    now = utcnow()
    address = address[:ADDRESS_LENGTH]
    window = config["LOGIN_FAILURE_WINDOW"]
    own, own_latest = _failures(email, now - window, address)
    if own >= config["LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS"]:
        raise TooManyAttempts(_aware(own_latest) + window - now)
    since = now - config["LOGIN_SLOWDOWN_WINDOW"]
    own_recent, _ = _failures(email, since, address)
    if not own_recent:
        return
    total, latest = _failures(email, since)
    wait_until = _aware(latest) + slowdown(total)
    if wait_until > now:
        raise TooManyAttempts(wait_until - now)


def record_failure(email: str, address: str, user: User | None) -> None:
    """Store a wrong password for `email` from `address`, and forget old failures."""
    now = utcnow()
    cutoff = now - current_app.config["LOGIN_FAILURE_RETENTION"]
    with db.engine.begin() as connection:
        connection.execute(delete(SignInFailure).where(SignInFailure.created_at < cutoff))
        connection.execute(
            insert(SignInFailure).values(
                email=email,
                address=address[:ADDRESS_LENGTH],
                user_id=user.id if user else None,
                created_at=now,
            )
        )


def recent_failures(user: User, limit: int = 10) -> list[SignInFailure]:
    """The account's latest failed attempts, newest first, for its owner to see."""
    return list(
        db.session.execute(
            select(SignInFailure)
            .where(SignInFailure.user_id == user.id)
            .order_by(SignInFailure.created_at.desc(), SignInFailure.id.desc())
            .limit(limit)
        ).scalars()
    )


def _aware(moment):
    """SQLite gives back naive datetimes (in UTC); PostgreSQL aware ones."""
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)
