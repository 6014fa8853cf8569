from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from share.auth.guards import login_required, role_required
from share.auth.models import Role
from share.extensions import db
from share.forms import show_domain_error
from share.moderation import log, services
from share.moderation.forms import FlagForm, LogFilterForm, SettleForm
from share.moderation.labels import RESOLUTION_LABELS, action_label, object_type_label
from share.moderation.models import Resolution
from share.paging import page_number
from share.rules import DomainError, require

bp = Blueprint("moderation", __name__)

_RESOLUTIONS = {
    "hide": Resolution.HIDDEN,
    "restore": Resolution.RESTORED,
    "dismiss": Resolution.DISMISSED,
}


@bp.app_context_processor
def moderation_helpers():
    return {
        # A function, so only pages that show the menu count.
        "open_moderation_count": lambda: (
            services.open_case_count(current_user) if current_user.is_authenticated else 0
        ),
        "resolution_labels": RESOLUTION_LABELS,
    }


@bp.route("/anmal/<kind>/<int:object_id>", methods=["GET", "POST"])
@login_required
def report(kind: str, object_id: int):
    """Report something to the moderators of its material's area."""
    reported_kind, thing = services.reportable(kind, object_id, current_user)
    require(services.may_flag(reported_kind, thing, current_user))
    material = reported_kind.material_of(thing)
    existing = services.own_open_flag(reported_kind, thing, current_user)
    data = {"reason": existing.reason} if existing and request.method == "GET" else None
    form = FlagForm(data=data)
    if form.validate_on_submit():
        try:
            services.flag(reported_kind, thing, current_user, form.reason.data)
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Thank you. A moderator will look at your report."), "success")
            anchor = reported_kind.anchor_of(thing) or None
            return redirect(url_for("materials.show", material_id=material.id, _anchor=anchor))
    return render_template(
        "moderation/report.html",
        kind=reported_kind,
        thing=thing,
        material=material,
        writer=reported_kind.writer_of(thing),
        existing=existing,
        form=form,
    )


@bp.get("/moderering")
@role_required(Role.EDITOR)
def queue():
    """The things reported in the moderator's reach; `?visa=avgjorda` lists the settled."""
    settled = request.args.get("visa") == "avgjorda"
    if settled:
        found = services.decisions(current_user, page=page_number())
    else:
        found = services.queue(current_user, page=page_number())
    return render_template("moderation/queue.html", found=found, settled=settled)


@bp.route("/moderering/<kind>/<int:object_id>", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def case(kind: str, object_id: int):
    """One reported thing: what it is, its reports, and the moderator's decision."""
    found = services.case(kind, object_id, current_user)
    form = SettleForm()
    if form.validate_on_submit():
        resolution = _RESOLUTIONS[form.action.data]
        try:
            services.settle(kind, object_id, current_user, resolution, form.note.data)
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
            found = services.case(kind, object_id, current_user)
        else:
            db.session.commit()
            flash(_settled_message(resolution), "success")
            return redirect(url_for("moderation.queue"))
    elif form.action.errors:
        abort(400)
    return render_template("moderation/case.html", case=found, form=form)


def _settled_message(resolution: Resolution) -> str:
    if resolution == Resolution.HIDDEN:
        return _("It is hidden, and its writer has your note.")
    if resolution == Resolution.RESTORED:
        return _("It is shown again, and its writer has your note.")
    return _("The reports are dismissed; it stays as it is.")


@bp.get("/admin/logg")
@role_required(Role.ADMIN)
def audit_log():
    """The audit log, filtered; read only: no route changes or deletes an entry."""
    form = LogFilterForm(request.args)
    form.set_choices(
        [(action, action_label(action)) for action in log.logged_actions()],
        [(kind, object_type_label(kind)) for kind in log.logged_object_types()],
    )
    form.validate()
    wanted = log.LogFilter(
        action=form.action.data or "",
        actor_email=form.actor_email.data or "",
        object_type=form.object_type.data or "",
        since=None if form.since.errors else form.since.data,
        until=None if form.until.errors else form.until.data,
    )
    return render_template(
        "moderation/audit_log.html",
        form=form,
        pagination=log.audit_page(wanted, page=page_number()),
        action_label=action_label,
        object_type_label=object_type_label,
    )
