import enum
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from share.auth.models import User
from share.database import enum_type, utcnow
from share.extensions import db
from share.materials.models import Material
from share.schools.models import Unit
from share.vocabularies.models import SchoolForm


class Outcome(enum.StrEnum):
    WELL = "well"
    PARTLY = "partly"
    NOT = "not"


class Basis(enum.StrEnum):
    """What a judgement of how it went rests on."""

    OBSERVATION = "observation"
    STUDENT_WORK = "student-work"
    STUDENT_VOICES = "student-voices"
    RESULTS = "results"


class TryReport(db.Model):
    """ "Jag har provat": one colleague's report of trying a material, one per person."""

    __tablename__ = "try_report"
    __table_args__ = (
        UniqueConstraint("material_id", "author_id"),
        # The material page lists its reports newest first.
        Index("ix_try_report_material_id_created_at", "material_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    material_id: Mapped[int] = mapped_column(ForeignKey("material.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    #: The reporter's unit when they reported: where it was tried. Its area is read
    #: through the unit, so a unit moved to another area moves its reports with it.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    school_form_id: Mapped[int] = mapped_column(ForeignKey("school_form.id"))
    #: Who with, in the reporter's words ("åk 4, 24 elever").
    group_description: Mapped[str] = mapped_column(String(120))
    tried_year: Mapped[int]
    tried_month: Mapped[int]
    adaptations: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[Outcome] = mapped_column(enum_type(Outcome, length=20))
    #: The Basis values the judgement rests on (one or more).
    bases: Mapped[list] = mapped_column(JSON, default=list)
    reflection: Mapped[str] = mapped_column(Text, default="")
    #: Hidden by a moderator: shown to nobody but its writer, and counted nowhere.
    hidden: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    material: Mapped[Material] = relationship()
    author: Mapped[User] = relationship()
    unit: Mapped[Unit | None] = relationship()
    school_form: Mapped[SchoolForm] = relationship()
