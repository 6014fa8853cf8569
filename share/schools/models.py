import enum
from datetime import datetime

from sqlalchemy import DateTime, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from share.database import utcnow
from share.extensions import db


class Area(db.Model):
    """A school area (skolområde). Retired areas stay for history but take no new units."""

    __tablename__ = "area"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    retired: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    units: Mapped[list["Unit"]] = relationship(back_populates="area", order_by="Unit.name")

    def __repr__(self) -> str:
        return f"<Area {self.name!r}>"


class UnitKind(enum.StrEnum):
    PRESCHOOL = "preschool"
    SCHOOL = "school"


class Unit(db.Model):
    """A preschool or school (enhet), in exactly one area."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[UnitKind] = mapped_column(
        Enum(UnitKind, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])
    )
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), index=True)
    retired: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    area: Mapped[Area] = relationship(back_populates="units")

    @property
    def is_open(self) -> bool:
        """Whether people may join it: neither it nor its area is retired."""
        return not self.retired and not self.area.retired

    def __repr__(self) -> str:
        return f"<Unit {self.name!r}>"
