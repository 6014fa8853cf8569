import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from share.database import enum_type, utcnow
from share.extensions import db


class Area(db.Model):
    """A school area (skolområde). Retired areas stay for history but take no new units."""

    __tablename__ = "area"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Unique whatever the letter case: the service compares names lowercased, and so does
    #: the index that settles two admins saving at once. SQLite cannot reflect that index,
    #: so a batch migration that rebuilds this table must create it again.
    name: Mapped[str] = mapped_column(String(120))
    retired: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    units: Mapped[list["Unit"]] = relationship(back_populates="area", order_by="Unit.name")

    __table_args__ = (Index("uq_area_lower_name", func.lower(name), unique=True),)

    def __repr__(self) -> str:
        return f"<Area {self.name!r}>"


class UnitKind(enum.StrEnum):
    PRESCHOOL = "preschool"
    SCHOOL = "school"


class Unit(db.Model):
    """A preschool or school (enhet), in exactly one area."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Unique whatever the letter case, as an area's name is (and rebuilt the same way).
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[UnitKind] = mapped_column(enum_type(UnitKind, length=20))
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), index=True)
    retired: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    area: Mapped[Area] = relationship(back_populates="units")

    __table_args__ = (Index("uq_unit_lower_name", func.lower(name), unique=True),)

    @property
    def is_open(self) -> bool:
        """Whether people may join it: neither it nor its area is retired."""
        return not self.retired and not self.area.retired

    def __repr__(self) -> str:
        return f"<Unit {self.name!r}>"
