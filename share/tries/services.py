"""The rules for try reports: one per colleague and material, never by its author, edited
or withdrawn by its writer, hidden by moderators; each change settles the evidence level.
"""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from share.audit import record_audit
from share.auth.models import Role, User
from share.database import utcnow
from share.extensions import db
from share.i18n import lazy_number
from share.materials.models import Material, MaterialStatus
from share.notifications.models import NotificationKind
from share.notifications.services import notify
from share.paging import PER_PAGE
from share.rules import DomainError, NotAllowed, NotFound
from share.schools.models import Unit
from share.tries.evidence import Evidence, assess, refresh_evidence, stored_facts
from share.tries.models import Basis, Outcome, TryReport
from share.vocabularies.models import SchoolForm

MAX_TEXT = 5_000
MAX_GROUP = 120
FIRST_YEAR = 2000


class TryReportError(DomainError):
    """A rule about try reports was broken."""


@dataclass
class ReportDraft:
    """What a colleague writes in "Jag har provat"."""

    school_form_id: int | None
    group_description: str
    tried_year: int | None
    tried_month: int | None
    outcome: Outcome | None
    bases: list[Basis] = field(default_factory=list)
    adaptations: str = ""
    reflection: str = ""


def may_report(user: User, material: Material) -> bool:
    """Colleagues report on published materials; an author does not vouch for their own."""
    return material.status == MaterialStatus.PUBLISHED and material.author_id != user.id


def own_report(user: User, material: Material) -> TryReport | None:
    statement = select(TryReport).where(
        TryReport.material_id == material.id, TryReport.author_id == user.id
    )
    return db.session.execute(statement).scalar_one_or_none()


def _school_form(school_form_id: int | None, kept: SchoolForm | None) -> SchoolForm:
    form = db.session.get(SchoolForm, school_form_id) if school_form_id else None
    if form is None or (form.retired and form != kept):
        raise TryReportError(_l("Choose a school form from the list."), field="school_form_id")
    return form


def _when(year: int | None, month: int | None) -> tuple[int, int]:
    today = date.today()
    if not year or not month or not 1 <= month <= 12 or not FIRST_YEAR <= year <= today.year:
        raise TryReportError(_l("Choose the month and year you tried it."), field="tried_month")
    if (year, month) > (today.year, today.month):
        raise TryReportError(_l("The month you tried it cannot be in the future."), "tried_month")
    return year, month


def _apply(report: TryReport, draft: ReportDraft) -> None:
    group = " ".join((draft.group_description or "").split())
    if not group:
        raise TryReportError(_l("Say who you tried it with."), field="group_description")
    if len(group) > MAX_GROUP:
        raise TryReportError(_l("At most %(max)s characters.", max=MAX_GROUP), "group_description")
    if draft.outcome is None:
        raise TryReportError(_l("Say how it went."), field="outcome")
    if not draft.bases:
        raise TryReportError(_l("Choose at least one thing your judgement rests on."), "bases")
    for name in ("adaptations", "reflection"):
        if len(getattr(draft, name) or "") > MAX_TEXT:
            raise TryReportError(
                _l("At most %(max)s characters.", max=lazy_number(MAX_TEXT)), field=name
            )
    report.school_form = _school_form(draft.school_form_id, report.school_form)
    report.tried_year, report.tried_month = _when(draft.tried_year, draft.tried_month)
    report.group_description = group
    report.outcome = draft.outcome
    report.bases = [basis.value for basis in Basis if basis in set(draft.bases)]
    report.adaptations = (draft.adaptations or "").strip()
    report.reflection = (draft.reflection or "").strip()


def save_report(material: Material, user: User, draft: ReportDraft) -> TryReport:
    """The user's report on the material, new or updated (one per person). The author is
    told of a new one. Raises NotAllowed or TryReportError."""
    if not may_report(user, material):
        raise NotAllowed
    _lock(material)
    report = own_report(user, material)
    is_new = report is None
    if is_new:
        report = TryReport(material=material, author=user, unit=user.unit)
    _apply(report, draft)
    db.session.add(report)
    # Written before the level is counted: on SQLite the write takes the database's one
    # write lock, as the row lock above does on PostgreSQL, so two colleagues reporting at
    # once are counted one after the other.
    db.session.flush()
    refresh_evidence(material)
    if is_new:
        notify(
            material.author,
            NotificationKind.TRY_REPORTED,
            actor=user,
            material=material,
            anchor=f"provat-{report.id}",
        )
    return report


def withdraw_report(report_id: int, user: User) -> Material:
    """Delete the user's own report; returns its material. Raises NotFound for any other."""
    report = db.session.get(TryReport, report_id)
    if report is None or report.author_id != user.id:
        raise NotFound
    material = report.material
    _lock(material)
    db.session.delete(report)
    db.session.flush()
    refresh_evidence(material)
    return material


def set_report_hidden(report: TryReport, hidden: bool) -> None:
    """Hide or show a report (a moderator's act, authorized and logged by the caller); a
    hidden report stops counting at once."""
    _lock(report.material)
    report.hidden = hidden
    db.session.flush()
    refresh_evidence(report.material)


def _lock(material: Material) -> None:
    """Hold the material's row until the transaction ends, before anything is written (on
    PostgreSQL; SQLite renders no FOR UPDATE and lets one writer in at a time). FOR NO KEY
    UPDATE: the key-share locks that writing a report (its foreign key) takes elsewhere do
    not conflict with it, so two reporters cannot deadlock."""
    db.session.execute(
        select(Material.id).where(Material.id == material.id).with_for_update(key_share=True)
    )


def visible_reports(material: Material, viewer: User, *, page: int):
    """A page of the material's reports, newest first: the hidden ones only to their
    writer."""
    statement = (
        select(TryReport)
        .where(TryReport.material_id == material.id)
        .where((TryReport.hidden.is_(False)) | (TryReport.author_id == viewer.id))
        .order_by(TryReport.created_at.desc(), TryReport.id.desc())
        .options(
            selectinload(TryReport.author),
            selectinload(TryReport.unit).selectinload(Unit.area),
            selectinload(TryReport.school_form),
        )
    )
    return db.paginate(statement, page=page, per_page=PER_PAGE, error_out=False)


def evidence_of(material: Material) -> Evidence:
    return assess(material, stored_facts(material.id))


def report_count(material: Material) -> int:
    statement = select(func.count()).where(
        TryReport.material_id == material.id, TryReport.hidden.is_(False)
    )
    return db.session.execute(statement).scalar_one()


def confirm_research_basis(material: Material, editor: User) -> None:
    """An editor vouches for the research basis: with the evidence of a proven material
    it makes it research-based. Raises NotAllowed or TryReportError."""
    if not may_confirm(editor, material):
        raise NotAllowed
    _lock(material)
    material.research_confirmed_at = utcnow()
    material.research_confirmed_by = editor
    refresh_evidence(material)
    record_audit(editor, "material.research_confirmed", "material", material.id,
                 label=material.title)  # fmt: skip


@dataclass
class MaterialTries:
    """What the material page shows of its reports to one viewer."""

    evidence: Evidence
    reports: object  # a page of TryReport
    own: TryReport | None
    may_report: bool
    may_confirm: bool


def material_tries(material: Material, viewer: User, *, page: int) -> MaterialTries:
    return MaterialTries(
        evidence=evidence_of(material),
        reports=visible_reports(material, viewer, page=page),
        own=own_report(viewer, material),
        may_report=may_report(viewer, material),
        may_confirm=may_confirm(viewer, material),
    )


def may_confirm(user: User, material: Material) -> bool:
    """Editors and admins, not the author, of a published material with a research basis."""
    return (
        user.has_role(Role.EDITOR)
        and user.id != material.author_id
        and material.status == MaterialStatus.PUBLISHED
        and bool(material.research_basis.strip())
    )
