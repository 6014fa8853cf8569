"""The rules for reports and moderation.

Anyone signed in reports ("Anmäl") what they can see and did not write; their reason is
for moderators only. A moderator — an editor for the materials of their area, an admin for
all — settles every open report on a thing at once: hides it or shows it again (its writer
is told, with the moderator's note) or dismisses the reports (keeps it as it is). Every
act is in the audit log, written by the act itself (see ReportableKind.set_hidden).
"""

from dataclasses import dataclass, field
from datetime import datetime
from math import ceil

from flask_babel import lazy_gettext as _l
from sqlalchemy import false, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from share.audit import record_audit
from share.auth.models import Role, User
from share.database import utcnow
from share.extensions import db
from share.i18n import lazy_number
from share.materials.models import Material
from share.moderation.kinds import ReportableKind, kind_by_key, may_moderate
from share.moderation.models import Flag, Resolution
from share.notifications.models import NotificationKind
from share.notifications.services import notify
from share.paging import PER_PAGE, Page
from share.rules import DomainError, NotFound, require

MAX_REASON = 1_000
MAX_NOTE = 1_000


class FlagError(DomainError):
    """A rule about reports or moderation was broken."""


# --- reporting -----------------------------------------------------------------------------


def reportable(key: str, object_id: int, user: User) -> tuple[ReportableKind, object]:
    """The kind and the thing, if `user` may see it. :raise NotFound: otherwise."""
    kind = kind_by_key(key)
    thing = kind.load(object_id) if kind else None
    if thing is None or not kind.visible_to(thing, user):
        raise NotFound
    return kind, thing


def may_flag(kind: ReportableKind, thing, user: User) -> bool:
    """Anyone may report what is shown, except what they wrote themselves."""
    writer = kind.writer_of(thing)
    return not kind.is_hidden(thing) and (writer is None or writer.id != user.id)


def own_open_flag(kind: ReportableKind, thing, user: User) -> Flag | None:
    statement = select(Flag).where(
        Flag.kind == kind.key,
        Flag.object_id == thing.id,
        Flag.reporter_id == user.id,
        Flag.resolved_at.is_(None),
    )
    return db.session.execute(statement).scalar_one_or_none()


def _clean(text: str | None, *, limit: int, field_name: str, missing) -> str:
    text = (text or "").strip()
    if not text:
        raise FlagError(missing, field=field_name)
    if len(text) > limit:
        raise FlagError(_l("At most %(max)s characters.", max=lazy_number(limit)), field=field_name)
    return text


def flag(kind: ReportableKind, thing, reporter: User, reason: str) -> Flag:
    """Report `thing` (as loaded by `reportable`). A second report by the same person while
    the first is open changes its reason. Raises NotAllowed or FlagError."""
    require(may_flag(kind, thing, reporter))
    reason = _clean(
        reason, limit=MAX_REASON, field_name="reason", missing=_l("Say why you report it.")
    )
    existing = own_open_flag(kind, thing, reporter)
    if existing is not None:
        existing.reason = reason
        existing.updated_at = utcnow()
        return existing
    report = Flag(
        kind=kind.key,
        object_id=thing.id,
        material=kind.material_of(thing),
        reporter=reporter,
        reason=reason,
    )
    db.session.add(report)
    try:
        db.session.flush()
    except IntegrityError as error:
        # The same person's report sent twice at once: the other one is kept.
        raise FlagError(_l("You have reported this already.")) from error
    return report


# --- the queue -----------------------------------------------------------------------------


@dataclass
class Case:
    """Everything reported about one thing, as a moderator sees it."""

    kind: ReportableKind
    object_id: int
    material: Material
    #: None when the thing is gone (its writer deleted it).
    thing: object | None
    flags: list[Flag] = field(default_factory=list)

    @property
    def open_flags(self) -> list[Flag]:
        return [f for f in self.flags if f.is_open]

    @property
    def hidden(self) -> bool:
        return self.thing is not None and self.kind.is_hidden(self.thing)

    @property
    def label(self) -> str:
        return self.kind.label_of(self.thing) if self.thing is not None else ""

    @property
    def quote(self) -> str:
        return self.kind.quote_of(self.thing) if self.thing is not None else ""

    @property
    def writer(self) -> User | None:
        return self.kind.writer_of(self.thing) if self.thing is not None else None

    @property
    def anchor(self) -> str:
        return self.kind.anchor_of(self.thing) if self.thing is not None else ""


@dataclass
class CasePage:
    items: list[Case]
    total: int
    paging: Page


def _in_reach(statement, moderator: User):
    """Only the reports about materials the moderator moderates (the rule of
    share.materials.permissions.can_moderate, as a query)."""
    if moderator.has_role(Role.ADMIN):
        return statement
    area = moderator.area if moderator.has_role(Role.EDITOR) else None
    if area is None:
        return statement.where(false())
    return statement.where(
        Flag.material_id.in_(select(Material.id).where(Material.area_id == area.id))
    )


def _open_things(moderator: User):
    """(kind, object id, material id, reports, first reported) of every thing with open
    reports the moderator may settle, longest waiting first."""
    statement = (
        select(
            Flag.kind,
            Flag.object_id,
            Flag.material_id,
            func.count().label("reports"),
            func.min(Flag.created_at).label("first_at"),
        )
        .where(Flag.resolved_at.is_(None))
        .group_by(Flag.kind, Flag.object_id, Flag.material_id)
    )
    return _in_reach(statement, moderator)


def open_case_count(moderator: User) -> int:
    """How many things wait in the moderator's queue (0 for teachers)."""
    if not moderator.has_role(Role.EDITOR):
        return 0
    things = _open_things(moderator).subquery()
    return db.session.execute(select(func.count()).select_from(things)).scalar_one()


def _case(key: str, object_id: int, material: Material, flags: list[Flag]) -> Case:
    kind = kind_by_key(key)
    thing = kind.load(object_id) if kind else None
    return Case(kind=kind, object_id=object_id, material=material, thing=thing, flags=flags)


def queue(moderator: User, *, page: int) -> CasePage:
    """A page of the things with open reports the moderator may settle, longest waiting
    first, each with its open reports."""
    total = open_case_count(moderator)
    pages = max(ceil(total / PER_PAGE), 1)
    rows = db.session.execute(
        _open_things(moderator)
        .order_by(func.min(Flag.created_at), Flag.kind, Flag.object_id)
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    material_ids = {row.material_id for row in rows}
    flags = db.session.execute(
        select(Flag)
        .where(Flag.resolved_at.is_(None), Flag.material_id.in_(material_ids))
        .order_by(Flag.created_at, Flag.id)
        .options(selectinload(Flag.reporter), selectinload(Flag.material))
    ).scalars()
    by_thing: dict[tuple[str, int], list[Flag]] = {}
    for each in flags:
        by_thing.setdefault((each.kind, each.object_id), []).append(each)
    items = []
    for row in rows:
        found = by_thing.get((row.kind, row.object_id), [])
        if found and kind_by_key(row.kind) is not None:
            items.append(_case(row.kind, row.object_id, found[0].material, found))
    return CasePage(items=items, total=total, paging=Page(page=page, pages=pages))


@dataclass
class Decision:
    """One moderator act on a thing (the reports it settled, as a group)."""

    kind: ReportableKind | None
    key: str
    object_id: int
    material: Material
    resolution: Resolution
    resolved_at: datetime
    resolved_by: User | None
    note: str
    reports: int


def decisions(moderator: User, *, page: int) -> CasePage:
    """A page of the moderator's reach's settled reports, one row per act, newest first."""
    statement = _in_reach(
        select(
            Flag.kind,
            Flag.object_id,
            Flag.material_id,
            Flag.resolution,
            Flag.resolved_at,
            Flag.resolved_by_id,
            Flag.resolution_note,
            func.count().label("reports"),
        )
        .where(Flag.resolved_at.is_not(None))
        .group_by(
            Flag.kind,
            Flag.object_id,
            Flag.material_id,
            Flag.resolution,
            Flag.resolved_at,
            Flag.resolved_by_id,
            Flag.resolution_note,
        ),
        moderator,
    )
    total = db.session.execute(select(func.count()).select_from(statement.subquery())).scalar_one()
    rows = db.session.execute(
        statement.order_by(Flag.resolved_at.desc(), Flag.kind, Flag.object_id)
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    items = [
        Decision(
            kind=kind_by_key(row.kind),
            key=row.kind,
            object_id=row.object_id,
            material=db.session.get(Material, row.material_id),
            resolution=row.resolution,
            resolved_at=row.resolved_at,
            resolved_by=db.session.get(User, row.resolved_by_id) if row.resolved_by_id else None,
            note=row.resolution_note,
            reports=row.reports,
        )
        for row in rows
    ]
    return CasePage(
        items=items, total=total, paging=Page(page=page, pages=max(ceil(total / PER_PAGE), 1))
    )


# --- one case ------------------------------------------------------------------------------


def _flags_of(key: str, object_id: int, *, open_only: bool = False, lock: bool = False):
    statement = (
        select(Flag)
        .where(Flag.kind == key, Flag.object_id == object_id)
        .order_by(Flag.created_at, Flag.id)
        .options(selectinload(Flag.reporter), selectinload(Flag.resolved_by))
    )
    if open_only:
        statement = statement.where(Flag.resolved_at.is_(None))
    if lock:
        statement = statement.with_for_update(of=Flag).execution_options(populate_existing=True)
    return list(db.session.execute(statement).scalars())


def case(key: str, object_id: int, moderator: User) -> Case:
    """All reports about one thing, for a moderator of its material.

    :raise NotFound: for an unknown kind, a thing nobody reported, or a thing outside the
        moderator's reach (whose reports are none of their business).
    """
    kind = kind_by_key(key)
    flags = _flags_of(key, object_id) if kind else []
    if not flags or not may_moderate(moderator, flags[0].material):
        raise NotFound
    return _case(key, object_id, flags[0].material, flags)


def settle(key: str, object_id: int, moderator: User, resolution: Resolution, note: str) -> Case:
    """Hide, restore or dismiss: settles every open report on the thing at once.

    Hiding and restoring need a note, which its writer is told; hiding what is hidden, or
    dismissing when no report is open, is refused. Raises NotFound (see `case`) or
    FlagError.
    """
    found = case(key, object_id, moderator)
    note = (note or "").strip()
    if resolution != Resolution.DISMISSED:
        note = _clean(
            note,
            limit=MAX_NOTE,
            field_name="note",
            missing=_l("Write a note to the writer: they are told why."),
        )
    elif len(note) > MAX_NOTE:
        raise FlagError(_l("At most %(max)s characters.", max=lazy_number(MAX_NOTE)), field="note")
    # Two moderators settling at once: the second waits here, then finds nothing open
    # and the thing as the first left it.
    open_flags = _flags_of(key, object_id, open_only=True, lock=True)
    if found.thing is not None:
        db.session.refresh(found.thing)
    if resolution == Resolution.DISMISSED:
        if not open_flags:
            raise FlagError(_l("Someone has already settled these reports."))
        record_audit(moderator, "flag.dismissed", key, object_id, label=found.label, reason=note)
    else:
        _hide_or_restore(found, moderator, resolution == Resolution.HIDDEN, note)
    now = utcnow()
    for each in open_flags:
        each.resolved_at = now
        each.resolved_by = moderator
        each.resolution = resolution
        each.resolution_note = note
    db.session.flush()
    return found


def _hide_or_restore(found: Case, moderator: User, hidden: bool, note: str) -> None:
    if found.thing is None:
        raise FlagError(_l("It is deleted: there is nothing to hide or show."))
    if found.hidden == hidden:
        raise FlagError(_l("It is hidden already.") if hidden else _l("It is not hidden."))
    found.kind.set_hidden(found.thing, moderator, hidden, note)
    notify(
        found.writer,
        NotificationKind.HIDDEN_BY_MODERATOR if hidden else NotificationKind.RESTORED_BY_MODERATOR,
        actor=moderator,
        material=found.material,
        anchor=found.anchor,
        note=note,
    )
