from babel.dates import get_month_names
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from share.auth.guards import login_required
from share.extensions import db
from share.forms import show_domain_error
from share.i18n import current_language
from share.materials.permissions import get_material
from share.rules import DomainError, NotAllowed
from share.tries import services
from share.tries.evidence import PROVEN_AREAS, PROVEN_UNITS
from share.tries.forms import TryReportForm
from share.tries.models import Basis, Outcome
from share.tries.services import ReportDraft
from share.vocabularies.registry import by_key

bp = Blueprint("tries", __name__)


def _month_names() -> list[str]:
    names = get_month_names("wide", locale=get_locale())
    return [names[number] for number in range(1, 13)]


def _form(report) -> TryReportForm:
    data = None
    if request.method == "GET" and report is not None:
        data = {
            "school_form_id": report.school_form_id,
            "group_description": report.group_description,
            "tried_month": report.tried_month,
            "tried_year": report.tried_year,
            "outcome": report.outcome.value,
            "bases": list(report.bases),
            "adaptations": report.adaptations,
            "reflection": report.reflection,
        }
    form = TryReportForm(data=data)
    kept = [report.school_form] if report else []
    language = current_language()
    form.set_choices(
        [(term, term.name_in(language)) for term in by_key("school_form").offered(kept)],
        _month_names(),
    )
    return form


def _draft(form: TryReportForm) -> ReportDraft:
    return ReportDraft(
        school_form_id=form.school_form_id.data,
        group_description=form.group_description.data or "",
        tried_year=form.tried_year.data,
        tried_month=form.tried_month.data,
        outcome=Outcome(form.outcome.data) if form.outcome.data in set(Outcome) else None,
        bases=[Basis(value) for value in form.bases.data or [] if value in set(Basis)],
        adaptations=form.adaptations.data or "",
        reflection=form.reflection.data or "",
    )


@bp.route("/material/<int:material_id>/jag-har-provat", methods=["GET", "POST"])
@login_required
def report(material_id: int):
    """Write or edit one's own report on a material."""
    material = get_material(material_id, current_user)
    if not services.may_report(current_user, material):
        raise NotAllowed
    existing = services.own_report(current_user, material)
    form = _form(existing)
    if form.validate_on_submit():
        try:
            saved = services.save_report(material, current_user, _draft(form))
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Thank you! Your report is on the material."), "success")
            return redirect(
                url_for("materials.show", material_id=material.id, _anchor=f"provat-{saved.id}")
            )
    return render_template("tries/report.html", material=material, form=form, report=existing)


@bp.post("/material/<int:material_id>/jag-har-provat/<int:report_id>/ta-bort")
@login_required
def withdraw(material_id: int, report_id: int):
    material = services.withdraw_report(report_id, current_user)
    db.session.commit()
    flash(_("Your report is withdrawn."), "success")
    return redirect(url_for("materials.show", material_id=material.id, _anchor="provat"))


@bp.post("/material/<int:material_id>/forskningsgrund")
@login_required
def confirm_research(material_id: int):
    material = get_material(material_id, current_user)
    try:
        services.confirm_research_basis(material, current_user)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("You have confirmed the research basis."), "success")
    return redirect(url_for("materials.show", material_id=material.id, _anchor="evidens"))


@bp.get("/om-nivaerna")
@login_required
def about_levels():
    return render_template(
        "tries/about_levels.html", proven_units=PROVEN_UNITS, proven_areas=PROVEN_AREAS
    )
