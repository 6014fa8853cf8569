"""The rules for areas and units. Every change is an administrator's act, written to the
audit log with its `actor`."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from share.audit import record_audit
from share.changes import ChangeKind, record_change
from share.extensions import db
from share.rules import DomainError
from share.schools.models import Area, Unit, UnitKind


class SchoolError(DomainError):
    """A rule about areas or units was broken."""


def list_areas() -> list[Area]:
    return list(db.session.execute(select(Area).order_by(Area.name)).scalars())


def list_units() -> list[Unit]:
    return list(
        db.session.execute(select(Unit).join(Unit.area).order_by(Area.name, Unit.name)).scalars()
    )


def open_units() -> list[tuple[int, str, str]]:
    """(id, unit name, area name) of the units open for new members, ordered by area."""
    return [(unit.id, unit.name, unit.area.name) for unit in list_units() if unit.is_open]


def _name_taken(model, name: str, exclude_id: int | None) -> bool:
    statement = select(model.id).where(func.lower(model.name) == name.lower())
    if exclude_id is not None:
        statement = statement.where(model.id != exclude_id)
    return db.session.execute(statement).first() is not None


def _name_used(name: str) -> SchoolError:
    return SchoolError(_l("The name %(name)s is already used.", name=name), field="name")


def _clean_name(model, name: str, exclude_id: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise SchoolError(_l("Enter a name."), field="name")
    if _name_taken(model, name, exclude_id):
        raise _name_used(name)
    return name


def _flush_name(name: str) -> None:
    """Flush; raises SchoolError when another request took the name since it was checked.

    No savepoint: with Python's sqlite3 driver, releasing a savepoint that opened the
    transaction commits it. The caller rolls back instead.
    """
    try:
        db.session.flush()
    except IntegrityError as error:
        raise _name_used(name) from error


def _renamed(old: str, new: str) -> str:
    """How the audit log names a thing that may have been renamed: "Old → New"."""
    return new if old == new else f"{old} → {new}"


def _change_action(kind: str, changed: set[str], retired: bool) -> str:
    """One audit action per save, as precise as what changed allows."""
    if changed == {"retired"}:
        return f"{kind}.retired" if retired else f"{kind}.reopened"
    if changed == {"area"}:
        return f"{kind}.moved"
    if changed == {"name"}:
        return f"{kind}.renamed"
    return f"{kind}.changed"


def _changed(before: dict, obj) -> set[str]:
    return {name for name, value in before.items() if getattr(obj, name) != value}


def create_area(name: str, *, actor) -> Area:
    """Raises SchoolError for an empty or used name; the caller rolls back after one."""
    area = Area(name=_clean_name(Area, name))
    db.session.add(area)
    _flush_name(area.name)
    record_audit(actor, "area.added", "area", area.id, label=area.name)
    return area


def update_area(area: Area, *, name: str, retired: bool, actor) -> None:
    """Raises SchoolError for an empty or used name; the caller rolls back after one."""
    before = {"name": area.name, "retired": area.retired}
    area.name = _clean_name(Area, name, area.id)
    area.retired = retired
    _flush_name(area.name)
    changed = _changed(before, area)
    if changed:
        action = _change_action("area", changed, retired)
        record_audit(actor, action, "area", area.id, label=_renamed(before["name"], area.name))


def _open_area(area_id: int | None) -> Area:
    area = db.session.get(Area, area_id) if area_id else None
    if area is None:
        raise SchoolError(_l("Choose an area from the list."), field="area_id")
    return area


def create_unit(*, name: str, kind: UnitKind, area_id: int | None, actor) -> Unit:
    area = _open_area(area_id)
    if area.retired:
        raise SchoolError(_l("A retired area cannot take new units."), field="area_id")
    unit = Unit(name=_clean_name(Unit, name), kind=kind, area=area)
    db.session.add(unit)
    _flush_name(unit.name)
    record_audit(actor, "unit.added", "unit", unit.id, label=f"{unit.name} ({area.name})")
    return unit


def update_unit(
    unit: Unit, *, name: str, kind: UnitKind, area_id: int | None, retired: bool, actor
) -> None:
    """Moving a unit to another area moves its people with it; their area follows the unit."""
    area = _open_area(area_id)
    if area.retired and area.id != unit.area_id:
        raise SchoolError(_l("A retired area cannot take new units."), field="area_id")
    before = {"name": unit.name, "kind": unit.kind, "area": unit.area, "retired": unit.retired}
    unit.name = _clean_name(Unit, name, unit.id)
    unit.kind = kind
    if area.id != unit.area_id:
        record_change(ChangeKind.UNIT_MOVED, unit.id)
    unit.area = area
    unit.retired = retired
    _flush_name(unit.name)
    changed = _changed(before, unit)
    if changed:
        label = (
            f"{_renamed(before['name'], unit.name)} ({_renamed(before['area'].name, area.name)})"
        )
        record_audit(actor, _change_action("unit", changed, retired), "unit", unit.id, label=label)
