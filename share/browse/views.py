"""Browsing published materials: newest, per core process, school form, subject and area,
and the user's own."""

from flask import Blueprint, abort, render_template
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from share.auth.access import login_required
from share.extensions import db
from share.forms import page_number
from share.i18n import current_language
from share.materials import browse
from share.materials.models import Material
from share.schools.models import Area
from share.vocabularies.models import CoreProcess, SchoolForm, Subject
from share.vocabularies.services import list_terms

bp = Blueprint("browse", __name__)


@bp.get("/utforska")
@login_required
def newest():
    language = current_language()
    return render_template(
        "materials/browse.html",
        heading=_("Newest materials"),
        pagination=browse.published(page=page_number()),
        core_processes=list_terms(CoreProcess, include_retired=False),
        areas=db.session.execute(select(Area).where(Area.retired.is_(False)).order_by(Area.name))
        .scalars()
        .all(),
        school_forms=list_terms(SchoolForm, include_retired=False),
        subjects=list_terms(Subject, include_retired=False),
        language=language,
        show_directory=True,
    )


_VOCABULARY_PAGES = {
    "huvudprocess": (CoreProcess, Material.core_processes),
    "skolform": (SchoolForm, Material.school_forms),
    "amne": (Subject, Material.subjects),
}


@bp.get("/<any(huvudprocess, skolform, amne):vocabulary>/<slug>")
@login_required
def by_term(vocabulary: str, slug: str):
    model, relation = _VOCABULARY_PAGES[vocabulary]
    term = db.session.execute(select(model).where(model.slug == slug)).scalar_one_or_none()
    if term is None:
        abort(404)
    return render_template(
        "materials/browse.html",
        heading=term.name_in(current_language()),
        description=term.description_in(current_language()),
        pagination=browse.published(page=page_number(), relation=relation, term=term),
    )


@bp.get("/omrade/<int:area_id>")
@login_required
def by_area(area_id: int):
    area = db.session.get(Area, area_id)
    if area is None:
        abort(404)
    return render_template(
        "materials/browse.html",
        heading=area.name,
        pagination=browse.published(page=page_number(), area_id=area.id),
    )


@bp.get("/mina-material")
@login_required
def mine():
    return render_template(
        "materials/browse.html",
        heading=_("My materials"),
        pagination=browse.mine(current_user, page=page_number()),
        show_status=True,
    )
