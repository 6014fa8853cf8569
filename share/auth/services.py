"""The rules for accounts. Functions flush; the request or CLI command commits."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from share.audit import record_audit
from share.auth import throttle
from share.auth.models import Role, User
from share.auth.passwords import (
    hash_password,
    needs_rehash,
    password_problem,
    spend_verification_time,
    verify_password,
)
from share.auth.sessions import end_sessions
from share.changes import ChangeKind, record_change
from share.database import utcnow
from share.extensions import db
from share.rules import DomainError
from share.schools.models import Unit


class AccountError(DomainError):
    """A rule about accounts was broken."""


class InvalidCredentials(AccountError):
    def __init__(self) -> None:
        # One message for an unknown e-mail and a wrong password: no account probing.
        super().__init__(_l("Wrong e-mail address or password."))


class UnconfirmedAccount(AccountError):
    def __init__(self) -> None:
        super().__init__(
            _l(
                "Confirm your e-mail address first: follow the link in the e-mail we sent "
                "you. No e-mail? Register again to get a new link."
            )
        )


class InactiveAccount(AccountError):
    def __init__(self) -> None:
        super().__init__(_l("Your account is deactivated. Contact an administrator."))


def normalize_email(email: str) -> str:
    return email.strip().lower()


def registration_open() -> bool:
    """Whether anyone may register themselves: only when some e-mail domain is allowed."""
    return bool(current_app.config["ALLOWED_EMAIL_DOMAINS"])


def email_domain_allowed(email: str) -> bool:
    domain = normalize_email(email).rpartition("@")[2]
    return domain in current_app.config["ALLOWED_EMAIL_DOMAINS"]


def find_user_by_email(email: str) -> User | None:
    return db.session.execute(
        select(User).where(User.email == normalize_email(email))
    ).scalar_one_or_none()


def selectable_unit(unit_id: int | None) -> Unit:
    """The unit a user may be placed in; raises AccountError for a missing or retired one."""
    unit = db.session.get(Unit, unit_id) if unit_id else None
    if unit is None or not unit.is_open:
        raise AccountError(_l("Choose your unit from the list."), field="unit_id")
    return unit


def check_password(password: str, email: str) -> None:
    problem = password_problem(password, email)
    if problem:
        raise AccountError(problem, field="password")


def create_user(
    *,
    email: str,
    name: str,
    password: str,
    unit_id: int | None,
    role: Role = Role.TEACHER,
    require_unit: bool = True,
) -> User:
    """Create an active, confirmed account (an admin, the CLI or the demo vouch for the
    address); raises AccountError for a taken e-mail, bad unit or password."""
    email = normalize_email(email)
    name = name.strip()
    if not name:
        raise AccountError(_l("Enter your name."), field="name")
    unit = selectable_unit(unit_id) if (unit_id or require_unit) else None
    check_password(password, email)
    if find_user_by_email(email) is not None:
        raise AccountError(_l("There is already an account with that e-mail address."), "email")
    user = User(
        email=email,
        name=name,
        password_hash=hash_password(password),
        role=role,
        unit=unit,
        email_confirmed_at=utcnow(),
    )
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError as error:
        # Lost a race on the unique e-mail. No savepoint: with Python's sqlite3 driver the
        # release of a savepoint that opens a transaction commits it. The caller rolls back.
        raise AccountError(
            _l("There is already an account with that e-mail address."), "email"
        ) from error
    return user


def authenticate(email: str, password: str, address: str) -> User:
    """The user with these credentials, tried from client `address`.

    :raise TooManyAttempts: before any check, when throttled (see throttle.py).
    :raise InvalidCredentials, InactiveAccount: otherwise.
    """
    email = normalize_email(email)
    throttle.check_attempt(email, address)
    user = find_user_by_email(email)
    if user is None:
        spend_verification_time(password)
        throttle.record_failure(email, address, None)
        raise InvalidCredentials()
    if not verify_password(user.password_hash, password):
        throttle.record_failure(email, address, user)
        raise InvalidCredentials()
    if not user.active:
        raise InactiveAccount()
    if user.email_confirmed_at is None:
        raise UnconfirmedAccount()
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def change_password(user: User, current_password: str, new_password: str, address: str) -> None:
    """Raises AccountError for a wrong current password or a refused new one, and
    TooManyAttempts when guesses at the password are throttled.

    Every other session of the user ends.
    """
    throttle.check_attempt(user.email, address)
    if not verify_password(user.password_hash, current_password):
        throttle.record_failure(user.email, address, user)
        raise AccountError(_l("The current password is wrong."), field="current_password")
    check_password(new_password, user.email)
    user.password_hash = hash_password(new_password)
    end_sessions(user, keep_current=True)


def update_profile(user: User, *, name: str, unit_id: int | None) -> None:
    name = name.strip()
    if not name:
        raise AccountError(_l("Enter your name."), field="name")
    if name != user.name:
        # The author's name is part of what search finds their materials by.
        record_change(ChangeKind.PERSON_RENAMED, user.id)
    user.name = name
    if unit_id != user.unit_id:
        user.unit = selectable_unit(unit_id)


def _active_admin_count() -> int:
    """How many administrators are active. On PostgreSQL their rows stay locked until the
    transaction ends, so two admins removing each other at once cannot both count two: the
    second waits and counts again. (SQLite lets one writer in at a time anyway.)"""
    # Locked in id order, so two such transactions never hold each other's rows.
    statement = (
        select(User.id)
        .where(User.role == Role.ADMIN, User.active)
        .order_by(User.id)
        .with_for_update()
    )
    return len(db.session.execute(statement).all())


def set_user_active(actor: User, user: User, active: bool) -> None:
    """Activate or deactivate; a deactivated user is signed out on their next request."""
    if user.active == active:
        return
    if not active and user.id == actor.id:
        raise AccountError(_l("You cannot deactivate your own account."))
    if not active and user.role == Role.ADMIN and _active_admin_count() <= 1:
        raise AccountError(_l("The last active administrator cannot be deactivated."))
    user.active = active
    if not active:
        end_sessions(user)
    action = "user.activated" if active else "user.deactivated"
    record_audit(actor, action, "user", user.id, label=user.email)


def set_user_role(actor: User, user: User, role: Role) -> None:
    if user.role == role:
        return
    if user.id == actor.id:
        raise AccountError(_l("You cannot change your own role."))
    if user.role == Role.ADMIN and user.active and _active_admin_count() <= 1:
        raise AccountError(_l("The last active administrator must stay an administrator."))
    user.role = role
    record_audit(actor, f"user.role_{role.value}", "user", user.id, label=user.email)


def list_users(*, query: str = "", page: int = 1, per_page: int = 50):
    """A page of users, optionally filtered by name or e-mail (case-insensitive)."""
    statement = select(User).order_by(User.name, User.id)
    query = query.strip().lower()
    if query:
        # LIKE wildcards typed into the box are dropped rather than interpreted.
        cleaned = query.replace("\\", "").replace("%", "").replace("_", "")
        pattern = f"%{cleaned}%"
        statement = statement.where(func.lower(User.name).like(pattern) | User.email.like(pattern))
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)
