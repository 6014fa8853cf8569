"""Registration confirmed by e-mail, and passwords reset by e-mail.

The links carry a token signed with SECRET_KEY (itsdangerous) that names the account and a
fingerprint of its password hash and confirmation state. Following a link changes one of
the two, so each link works once; a newer registration or reset also retires older links.
Functions flush and return the mail to send; the view commits, then sends it.
"""

import hashlib
from datetime import timedelta

from flask import current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.exc import IntegrityError

from share.auth.models import User
from share.auth.passwords import hash_password
from share.auth.services import (
    AccountError,
    check_password,
    email_domain_allowed,
    find_user_by_email,
    normalize_email,
    selectable_unit,
)
from share.auth.sessions import end_sessions
from share.database import utcnow
from share.extensions import db
from share.mail import Mail

CONFIRM = "confirm-registration"
RESET = "reset-password"


class LinkInvalid(AccountError):
    def __init__(self) -> None:
        super().__init__(
            _l("The link is no longer valid: it has been used, has expired or is incomplete.")
        )


def _fingerprint(user: User) -> str:
    state = f"{user.password_hash}|{user.email_confirmed_at is not None}"
    return hashlib.sha256(state.encode()).hexdigest()[:32]


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"dela-{purpose}")


def make_token(purpose: str, user: User) -> str:
    return _serializer(purpose).dumps([user.id, _fingerprint(user)])


def user_of_token(purpose: str, token: str, lifetime: timedelta) -> User:
    """The account a link is for. :raise LinkInvalid: when it is forged, expired, used or
    retired by a newer one, or its account is deactivated."""
    try:
        user_id, fingerprint = _serializer(purpose).loads(
            token, max_age=int(lifetime.total_seconds())
        )
    except (SignatureExpired, BadSignature, ValueError, TypeError) as error:
        raise LinkInvalid() from error
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.active or _fingerprint(user) != fingerprint:
        raise LinkInvalid()
    return user


def _link(endpoint: str, **values) -> str:
    """An absolute link for a mail, on PUBLIC_URL when it is set."""
    base = current_app.config["PUBLIC_URL"] or request.host_url
    return base.rstrip("/") + url_for(endpoint, **values)


def _mail(to: str, subject: str, template: str, **context) -> Mail:
    return Mail(to=to, subject=subject, body=render_template(f"mail/{template}", **context))


def register_user(*, email: str, name: str, password: str, unit_id: int | None) -> Mail:
    """Self-registration: only for the municipality's e-mail domains, always as a teacher.

    Returns the mail to send, and answers the same whether the address is new or taken:
    a new address gets an account that works once the mailed link is followed; a taken
    one gets a note to its owner instead. An account whose address was never confirmed
    takes the newest registration's details, and only the newest link works.
    """
    email = normalize_email(email)
    if not email_domain_allowed(email):
        raise AccountError(
            _l("Only addresses at the municipality's e-mail domains can register."), "email"
        )
    name = name.strip()
    if not name:
        raise AccountError(_l("Enter your name."), field="name")
    unit = selectable_unit(unit_id)
    check_password(password, email)
    # Hashed before the address is looked up: a taken address takes as long as a new one.
    password_hash = hash_password(password)
    user = find_user_by_email(email)
    if user is not None and (user.email_confirmed_at is not None or not user.active):
        return _mail(
            email,
            _("Someone tried to register on Dela with your address"),
            "registration_taken.txt",
            user=user,
            reset_link=_link("auth.forgot_password"),
            sign_in_link=_link("auth.login"),
        )
    if user is None:
        user = User(email=email)
        db.session.add(user)
    user.name, user.unit, user.password_hash = name, unit, password_hash
    try:
        db.session.flush()
    except IntegrityError as error:
        # Two registrations of one new address at once; the caller rolls back.
        raise AccountError(_l("Something went wrong. Try again."), "email") from error
    return _mail(
        email,
        _("Confirm your e-mail address for Dela"),
        "confirm_registration.txt",
        user=user,
        link=_link("auth.confirm_registration", token=make_token(CONFIRM, user)),
        lifetime_hours=_hours(current_app.config["CONFIRMATION_LINK_LIFETIME"]),
    )


def confirm_registration(token: str) -> User:
    """Follow a confirmation link: the account can sign in from now on."""
    user = user_of_token(CONFIRM, token, current_app.config["CONFIRMATION_LINK_LIFETIME"])
    if user.email_confirmed_at is not None:
        raise LinkInvalid()
    user.email_confirmed_at = utcnow()
    return user


def request_password_reset(email: str) -> Mail | None:
    """The reset mail for the active account with this address, or None when there is none
    (the view answers the same either way)."""
    user = find_user_by_email(email)
    if user is None or not user.active:
        return None
    return _mail(
        user.email,
        _("Reset your password for Dela"),
        "reset_password.txt",
        user=user,
        link=_link("auth.reset_password", token=make_token(RESET, user)),
        lifetime_minutes=int(
            current_app.config["PASSWORD_RESET_LINK_LIFETIME"].total_seconds() // 60
        ),
    )


def reset_password(token: str, new_password: str) -> User:
    """Set a new password through a reset link. The link proves the address, so it is
    confirmed too; every session of the account ends (whoever knew the old password is out).
    """
    user = user_of_token(RESET, token, current_app.config["PASSWORD_RESET_LINK_LIFETIME"])
    check_password(new_password, user.email)
    user.password_hash = hash_password(new_password)
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
    end_sessions(user)
    return user


def _hours(lifetime: timedelta) -> int:
    return int(lifetime.total_seconds() // 3600)
