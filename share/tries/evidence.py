"""The evidence level: the one place its rules live.

- Provad (tried): at least one report by someone other than the author.
- Beprövad (proven): reports from colleagues in at least 3 units in at least 2 areas, the
  author's own unit not counted, and more of those went well or partly than did not.
- Forskningsförankrad (research-based): proven, with a research basis an editor confirmed.

Hidden reports count nowhere. A report's area is its unit's area now, so a unit moved to
another area moves its reports with it. The level is stored on the material and
recomputed in the transaction of every change that can move it: a report added, edited,
withdrawn, hidden or shown; a confirmation given or lapsed; a unit moved.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, selectinload

from share.changes import ChangeKind, record_change
from share.database import utcnow
from share.extensions import db
from share.materials.models import EvidenceLevel, Material
from share.schools.models import Unit
from share.tries.models import Outcome, TryReport

PROVEN_UNITS = 3
PROVEN_AREAS = 2


@dataclass(frozen=True)
class Evidence:
    level: EvidenceLevel
    #: Colleagues (not the author) whose visible reports count.
    tried_by: int
    units: int
    areas: int
    went_well: int
    went_partly: int
    went_badly: int


@dataclass(frozen=True)
class ReportFacts:
    """What the rule reads of one report: a row of five columns, not the report and its text."""

    author_id: int
    unit_id: int | None
    area_id: int | None
    outcome: Outcome
    hidden: bool


def assess(material: Material, reports: Iterable[ReportFacts]) -> Evidence:
    """The evidence `reports` give `material` (hidden ones and the author's own ignored)."""
    counted = [r for r in reports if not r.hidden and r.author_id != material.author_id]
    own_unit = material.unit_id if material.unit_id is not None else material.author.unit_id
    elsewhere = [r for r in counted if r.unit_id is not None and r.unit_id != own_unit]
    units = {r.unit_id for r in elsewhere}
    areas = {r.area_id for r in elsewhere}
    positive = sum(r.outcome in (Outcome.WELL, Outcome.PARTLY) for r in elsewhere)
    negative = sum(r.outcome == Outcome.NOT for r in elsewhere)
    if not counted:
        level = EvidenceLevel.UNTRIED
    elif len(units) >= PROVEN_UNITS and len(areas) >= PROVEN_AREAS and positive > negative:
        confirmed = material.research_confirmed_at is not None
        level = EvidenceLevel.RESEARCH_BASED if confirmed else EvidenceLevel.PROVEN
    else:
        level = EvidenceLevel.TRIED
    return Evidence(
        level=level,
        tried_by=len({r.author_id for r in counted}),
        units=len({r.unit_id for r in counted if r.unit_id is not None}),
        areas=len({r.area_id for r in counted if r.unit_id is not None}),
        went_well=sum(r.outcome == Outcome.WELL for r in counted),
        went_partly=sum(r.outcome == Outcome.PARTLY for r in counted),
        went_badly=sum(r.outcome == Outcome.NOT for r in counted),
    )


def stored_facts(material_id: int) -> list[ReportFacts]:
    """The facts of a material's reports as the database holds them: one light query, for
    showing the evidence (a material can have hundreds of reports)."""
    statement = (
        select(TryReport.author_id, TryReport.unit_id, Unit.area_id, TryReport.outcome,
               TryReport.hidden)
        .outerjoin(Unit, TryReport.unit_id == Unit.id)
        .where(TryReport.material_id == material_id)
    )  # fmt: skip
    return [ReportFacts(*row) for row in db.session.execute(statement)]


def pending_facts(material_id: int) -> list[ReportFacts]:
    """The facts as this session is about to store them: through the loaded objects, so a
    unit moved in the flush under way counts in its new area."""
    statement = (
        select(TryReport)
        .where(TryReport.material_id == material_id)
        .options(selectinload(TryReport.unit).selectinload(Unit.area))
    )
    return [_facts_of(report) for report in db.session.execute(statement).scalars()]


def _facts_of(report: TryReport) -> ReportFacts:
    unit = report.unit
    return ReportFacts(
        author_id=report.author_id,
        unit_id=unit.id if unit is not None else None,
        area_id=_area_of(unit) if unit is not None else None,
        outcome=report.outcome,
        hidden=report.hidden,
    )


def _area_of(unit: Unit) -> int:
    # The relationship, not the column: during a flush that moves the unit, only the
    # relationship says where it is going.
    return unit.area.id if unit.area is not None else unit.area_id


def refresh_evidence(material: Material) -> Evidence:
    """Recompute and store the material's level and count. Search hears of it either way:
    the reports' words are part of what finds the material."""
    evidence = assess(material, pending_facts(material.id))
    was_proven = material.evidence_level.rank >= EvidenceLevel.PROVEN.rank
    is_proven = evidence.level.rank >= EvidenceLevel.PROVEN.rank
    if is_proven and not was_proven:
        material.proven_at = utcnow()
    elif not is_proven:
        material.proven_at = None
    material.evidence_level = evidence.level
    material.tried_by_count = evidence.tried_by
    record_change(ChangeKind.MATERIAL_CHANGED, material.id)
    return evidence


@event.listens_for(Session, "before_flush")
def _follow_changes_elsewhere(session: Session, flush_context, instances) -> None:
    """Recompute where a change made outside this package moves the evidence: a unit that
    moved to another area, or a research basis edited (which lets its confirmation lapse)."""
    materials: dict[int, Material] = {}
    for obj in session.dirty:
        if isinstance(obj, Unit) and _changed(obj, "area_id", "area"):
            for material in _materials_tried_in(session, obj.id):
                materials[material.id] = material
        elif (
            isinstance(obj, Material)
            and obj.research_confirmed_at is not None
            and _changed(obj, "research_basis")
        ):
            obj.research_confirmed_at = None
            obj.research_confirmed_by = None
            materials[obj.id] = obj
    with session.no_autoflush:
        for material in materials.values():
            refresh_evidence(material)


def _changed(obj, *attributes: str) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in attributes)


def _materials_tried_in(session: Session, unit_id: int) -> list[Material]:
    statement = select(Material).where(
        Material.id.in_(select(TryReport.material_id).where(TryReport.unit_id == unit_id))
    )
    with session.no_autoflush:
        return list(session.execute(statement).scalars())
