"""Password hashing (Argon2id) and the password policy."""

import gzip
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l

from share.i18n import lazy_number

MIN_LENGTH = 8
#: Long passphrases are welcome; the cap only keeps one request from hashing megabytes.
MAX_LENGTH = 1024

_COMMON_PASSWORDS_FILE = Path(__file__).with_name("common-passwords.txt.gz")


def _hasher() -> PasswordHasher:
    config = current_app.config
    return PasswordHasher(
        time_cost=config["ARGON2_TIME_COST"],
        memory_cost=config["ARGON2_MEMORY_COST"],
        parallelism=config["ARGON2_PARALLELISM"],
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)


def spend_verification_time(password: str) -> None:
    """Do the work of one verification, so an unknown e-mail answers as slowly as a known one."""
    verify_password(_dummy_hash(), password)


def _dummy_hash() -> str:
    cached = current_app.extensions.get("dela_dummy_password_hash")
    if cached is None:
        cached = current_app.extensions["dela_dummy_password_hash"] = hash_password(
            "dummy password"
        )
    return cached


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(_COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(
            line.strip() for line in lines if line.strip() and not line.startswith("#")
        )


def password_problem(password: str, email: str | None = None) -> str | None:
    """Why this password may not be used, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return _l("The password must be at least %(min)s characters long.", min=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _l(
            "The password may be at most %(max)s characters long.", max=lazy_number(MAX_LENGTH)
        )
    lowered = password.strip().lower()
    if lowered in common_passwords():
        return _l("That password is one of the most common ones. Choose another.")
    if email and lowered == email.strip().lower():
        return _l("The password must not be your e-mail address.")
    return None
