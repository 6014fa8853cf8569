from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from share.admin.forms import (
    ROLE_LABELS,
    UNIT_KIND_LABELS,
    AreaForm,
    MoveForm,
    RetireForm,
    SynonymForm,
    TermForm,
    UnitForm,
    UserActiveForm,
    UserQuotaForm,
    UserRoleForm,
)
from share.auth import services as accounts
from share.auth.guards import role_required
from share.auth.models import Role, User
from share.extensions import db
from share.forms import show_domain_error
from share.materials import quota
from share.materials import services as material_services
from share.materials.models import Material
from share.paging import page_number
from share.rules import DomainError, NotFound
from share.schools import services as schools
from share.schools.models import Area, Unit, UnitKind
from share.search import synonyms
from share.search.models import SynonymGroup
from share.vocabularies import services as vocabularies
from share.vocabularies.registry import Vocabulary, by_list_slug

bp = Blueprint("admin", __name__)


@bp.before_request
@role_required(Role.ADMIN)
def require_admin():
    """Every admin page: signed in as an administrator, or 403."""


def _get_or_404(model, object_id: int):
    obj = db.session.get(model, object_id)
    if obj is None:
        raise NotFound
    return obj


def _apply_error(form, error) -> None:
    db.session.rollback()
    show_domain_error(form, error)


@bp.get("/")
def index():
    return render_template("admin/index.html")


# --- users -------------------------------------------------------------------------------


@bp.get("/anvandare")
def users():
    query = request.args.get("q", "")[:200]
    pagination = accounts.list_users(query=query, page=page_number())
    return render_template(
        "admin/users.html",
        pagination=pagination,
        query=query,
        role_labels=ROLE_LABELS,
        usages=quota.storage_usages(pagination.items),
        default_quota_mb=current_app.config["STORAGE_QUOTA_MB"],
    )


def _back_to_users():
    return redirect(url_for("admin.users", q=request.args.get("q") or None))


@bp.post("/anvandare/<int:user_id>/roll")
def set_user_role(user_id: int):
    user = _get_or_404(User, user_id)
    form = UserRoleForm()
    if not form.validate():
        flash(_("Choose a role from the list."), "error")
        return _back_to_users()
    try:
        accounts.set_user_role(current_user, user, Role(form.role.data))
    except accounts.AccountError as error:
        _apply_error(form, error)
    else:
        db.session.commit()
        flash(
            _("%(name)s is now %(role)s.", name=user.name, role=ROLE_LABELS[user.role]), "success"
        )
    return _back_to_users()


@bp.post("/anvandare/<int:user_id>/lagring")
def set_user_quota(user_id: int):
    user = _get_or_404(User, user_id)
    form = UserQuotaForm()
    if not form.validate():
        message = _("Give a quota from 0 to %(max)s MB, or leave it empty.", max=quota.MAX_QUOTA_MB)
        flash(message, "error")
        return _back_to_users()
    try:
        quota.set_storage_quota(current_user, user, form.quota_mb.data)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("The storage quota of %(name)s is saved.", name=user.name), "success")
    return _back_to_users()


@bp.post("/anvandare/<int:user_id>/aktiv")
def set_user_active(user_id: int):
    user = _get_or_404(User, user_id)
    form = UserActiveForm()
    if not form.validate():
        abort(400)
    try:
        accounts.set_user_active(current_user, user, form.active.data == "1")
    except accounts.AccountError as error:
        _apply_error(form, error)
    else:
        db.session.commit()
        message = _("%(name)s is activated.") if user.active else _("%(name)s is deactivated.")
        flash(message % {"name": user.name}, "success")
    return _back_to_users()


# --- areas and units ---------------------------------------------------------------------


@bp.route("/omraden", methods=["GET", "POST"])
def areas():
    form = AreaForm()
    if form.validate_on_submit():
        try:
            area = schools.create_area(form.name.data, actor=current_user)
        except schools.SchoolError as error:
            _apply_error(form, error)
        else:
            db.session.commit()
            flash(_("The area %(name)s is added.", name=area.name), "success")
            return redirect(url_for("admin.areas"))
    return render_template("admin/areas.html", areas=schools.list_areas(), form=form)


@bp.route("/omraden/<int:area_id>", methods=["GET", "POST"])
def edit_area(area_id: int):
    area = _get_or_404(Area, area_id)
    form = AreaForm(obj=area)
    if form.validate_on_submit():
        try:
            schools.update_area(
                area, name=form.name.data, retired=form.retired.data, actor=current_user
            )
        except schools.SchoolError as error:
            _apply_error(form, error)
        else:
            db.session.commit()
            flash(_("The area is saved."), "success")
            return redirect(url_for("admin.areas"))
    return render_template("admin/edit_area.html", area=area, form=form)


def _unit_form(unit: Unit | None = None) -> UnitForm:
    form = UnitForm(obj=unit)
    form.area_id.choices = [
        SelectChoice(str(area.id), area.name)
        for area in schools.list_areas()
        if not area.retired or (unit is not None and area.id == unit.area_id)
    ]
    return form


@bp.route("/enheter", methods=["GET", "POST"])
def units():
    form = _unit_form()
    if form.validate_on_submit():
        try:
            unit = schools.create_unit(
                name=form.name.data,
                kind=UnitKind(form.kind.data),
                area_id=form.area_id.data,
                actor=current_user,
            )
        except schools.SchoolError as error:
            _apply_error(form, error)
        else:
            db.session.commit()
            flash(_("The unit %(name)s is added.", name=unit.name), "success")
            return redirect(url_for("admin.units"))
    return render_template(
        "admin/units.html", units=schools.list_units(), form=form, kind_labels=UNIT_KIND_LABELS
    )


@bp.route("/enheter/<int:unit_id>", methods=["GET", "POST"])
def edit_unit(unit_id: int):
    unit = _get_or_404(Unit, unit_id)
    form = _unit_form(unit)
    if form.validate_on_submit():
        try:
            schools.update_unit(
                unit,
                name=form.name.data,
                kind=UnitKind(form.kind.data),
                area_id=form.area_id.data,
                retired=form.retired.data,
                actor=current_user,
            )
        except schools.SchoolError as error:
            _apply_error(form, error)
        else:
            db.session.commit()
            flash(_("The unit is saved."), "success")
            return redirect(url_for("admin.units"))
    return render_template("admin/edit_unit.html", unit=unit, form=form)


# --- removed materials ---------------------------------------------------------------------


@bp.get("/borttaget")
def removed_materials():
    return render_template("admin/removed.html", materials=material_services.removed_materials())


@bp.post("/borttaget/<int:material_id>/radera")
def purge_material(material_id: int):
    material = _get_or_404(Material, material_id)
    try:
        material_services.purge_material(material, current_user)
    except material_services.MaterialError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("The material and its unused files are deleted for good."), "success")
    return redirect(url_for("admin.removed_materials"))


# --- synonyms ------------------------------------------------------------------------------


@bp.route("/synonymer", methods=["GET", "POST"])
def synonym_groups():
    form = SynonymForm()
    if form.validate_on_submit():
        try:
            synonyms.add_group(form.terms.data, actor=current_user)
        except synonyms.SynonymError as error:
            _apply_error(form, error)
        else:
            db.session.commit()
            flash(_("The synonyms are added. Search uses them at once."), "success")
            return redirect(url_for("admin.synonym_groups"))
    return render_template("admin/synonyms.html", groups=synonyms.list_groups(), form=form)


@bp.post("/synonymer/<int:group_id>/ta-bort")
def delete_synonym_group(group_id: int):
    synonyms.delete_group(_get_or_404(SynonymGroup, group_id), actor=current_user)
    db.session.commit()
    flash(_("The synonym group is removed."), "success")
    return redirect(url_for("admin.synonym_groups"))


# --- vocabularies ------------------------------------------------------------------------


def _vocabulary_or_404(list_slug: str) -> Vocabulary:
    found = by_list_slug(list_slug)
    if found is None:
        raise NotFound
    return found


def _term_fields(form: TermForm) -> dict[str, str]:
    return {
        name: getattr(form, name).data
        for name in ("name_sv", "name_en", "description_sv", "description_en")
    }


@bp.route("/ordlistor/<vocabulary>", methods=["GET", "POST"])
def terms(vocabulary: str):
    found = _vocabulary_or_404(vocabulary)
    form = TermForm()
    if form.validate_on_submit():
        try:
            term = vocabularies.add_term(found.model, **_term_fields(form), actor=current_user)
        except vocabularies.VocabularyError as error:
            _apply_error(form, error)
        else:
            db.session.commit()
            flash(_("%(name)s is added.", name=term.name_sv), "success")
            return redirect(url_for("admin.terms", vocabulary=vocabulary))
    return render_template(
        "admin/terms.html",
        vocabulary=found,
        terms=found.terms(),
        form=form,
    )


@bp.route("/ordlistor/<vocabulary>/<int:term_id>", methods=["GET", "POST"])
def edit_term(vocabulary: str, term_id: int):
    found = _vocabulary_or_404(vocabulary)
    term = _get_or_404(found.model, term_id)
    form = TermForm(obj=term)
    if form.validate_on_submit():
        try:
            vocabularies.update_term(term, **_term_fields(form), actor=current_user)
        except vocabularies.VocabularyError as error:
            _apply_error(form, error)
        else:
            db.session.commit()
            flash(_("%(name)s is saved.", name=term.name_sv), "success")
            return redirect(url_for("admin.terms", vocabulary=vocabulary))
    return render_template(
        "admin/edit_term.html",
        vocabulary=found,
        term=term,
        form=form,
    )


@bp.post("/ordlistor/<vocabulary>/<int:term_id>/flytta")
def move_term(vocabulary: str, term_id: int):
    term = _get_or_404(_vocabulary_or_404(vocabulary).model, term_id)
    form = MoveForm()
    if not form.validate():
        abort(400)
    vocabularies.move_term(term, -1 if form.direction.data == "up" else 1, actor=current_user)
    db.session.commit()
    return redirect(url_for("admin.terms", vocabulary=vocabulary, _anchor=f"term-{term.id}"))


@bp.post("/ordlistor/<vocabulary>/<int:term_id>/pensionera")
def retire_term(vocabulary: str, term_id: int):
    term = _get_or_404(_vocabulary_or_404(vocabulary).model, term_id)
    form = RetireForm()
    if not form.validate():
        abort(400)
    vocabularies.set_retired(term, form.retired.data == "1", actor=current_user)
    db.session.commit()
    if term.retired:
        flash(
            _(
                "%(name)s is retired: kept on materials, offered for no new ones.",
                name=term.name_sv,
            ),
            "success",
        )
    else:
        flash(_("%(name)s is in use again.", name=term.name_sv), "success")
    return redirect(url_for("admin.terms", vocabulary=vocabulary))
