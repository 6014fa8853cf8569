import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from share.database import enum_type, utcnow
from share.extensions import db
from share.schools.models import Area, Unit


class Role(enum.StrEnum):
    """Roles in increasing power: each role may do what the ones before it may."""

    TEACHER = "teacher"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lowercased, so uniqueness ignores letter case.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_type(Role, length=20), default=Role.TEACHER)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: When the owner followed the link mailed to the address; a self-registered account
    #: cannot sign in before. Accounts an admin or the CLI makes are confirmed at once.
    email_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: What this person's materials may store, in megabytes, as an admin set it; None
    #: means the site's default (STORAGE_QUOTA_MB).
    storage_quota_mb: Mapped[int | None]

    unit: Mapped[Unit | None] = relationship()

    @property
    def area(self) -> Area | None:
        """The area follows from the unit; a user never picks it separately."""
        return self.unit.area if self.unit else None

    @property
    def is_active(self) -> bool:
        return self.active

    #: The token of the signed-in session this object was loaded for (not a column): what
    #: Flask-Login keeps in the session and the remember cookie, see share/auth/sessions.py.
    session_token = None

    def get_id(self) -> str | None:
        return self.session_token

    def __eq__(self, other):
        # UserMixin compares get_id(), which is a session's token here, not the account.
        if isinstance(other, User):
            return self.id is not None and self.id == other.id
        return NotImplemented

    __hash__ = UserMixin.__hash__

    def has_role(self, role: Role) -> bool:
        return self.role.rank >= role.rank

    def __repr__(self) -> str:
        return f"<User {self.email!r}>"


class UserSession(db.Model):
    """One signed-in browser. The session and remember cookies carry a random token whose
    SHA-256 digest is stored here: deleting the row makes both cookies worthless."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    #: "Keep me signed in": the session then lasts REMEMBER_COOKIE_DURATION unused, else
    #: PERMANENT_SESSION_LIFETIME.
    remember: Mapped[bool] = mapped_column(default=False)
    #: As the browser sent it (cut to the column), to name the device on the account page.
    user_agent: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Updated at most every SESSION_TOUCH_INTERVAL, not on every request.
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    user: Mapped[User] = relationship()


class SignInFailure(db.Model):
    """A wrong password typed for an e-mail address (an account's or not), from a client
    address: what sign-in throttling counts, and what the account page shows its owner."""

    __tablename__ = "sign_in_failure"
    __table_args__ = (Index("ix_sign_in_failure_email_created_at", "email", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: As typed, normalized; kept for unknown addresses too, so they are throttled alike.
    email: Mapped[str] = mapped_column(String(254))
    #: The client's IP address (behind proxies, as PROXY_COUNT makes it out).
    address: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
