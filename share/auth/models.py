import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, ForeignKey, String
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
    #: Bumped on password change and deactivation; part of the session id, so older
    #: sessions and remember cookies stop working.
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
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

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def has_role(self, role: Role) -> bool:
        return self.role.rank >= role.rank

    def __repr__(self) -> str:
        return f"<User {self.email!r}>"
