from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_login import current_user

from share.auth.guards import login_required
from share.browse import services
from share.extensions import db
from share.i18n import current_language
from share.paging import page_number
from share.rules import NotFound
from share.schools.models import Area
from share.vocabularies.registry import MATERIAL_VOCABULARIES, by_term_slug

bp = Blueprint("browse", __name__)


@bp.get("/utforska")
@login_required
def newest():
    return render_template(
        "browse/list.html",
        heading=_("Newest materials"),
        pagination=services.published(page=page_number()),
        directory=[(v, v.terms(include_retired=False)) for v in MATERIAL_VOCABULARIES],
        areas=services.open_areas(),
        show_directory=True,
    )


_TERM_PAGES = ", ".join(vocabulary.term_slug for vocabulary in MATERIAL_VOCABULARIES)


@bp.get(f"/<any({_TERM_PAGES}):vocabulary>/<slug>")
@login_required
def by_term(vocabulary: str, slug: str):
    found = by_term_slug(vocabulary)
    term = found.by_slug(slug)
    if term is None:
        raise NotFound
    return render_template(
        "browse/list.html",
        heading=term.name_in(current_language()),
        description=term.description_in(current_language()),
        pagination=services.published(page=page_number(), vocabulary=found, term=term),
    )


@bp.get("/omrade/<int:area_id>")
@login_required
def by_area(area_id: int):
    area = db.session.get(Area, area_id)
    if area is None:
        raise NotFound
    return render_template(
        "browse/list.html",
        heading=area.name,
        heading_lang="sv",  # a name, not words of the interface
        pagination=services.published(page=page_number(), area_id=area.id),
    )


@bp.get("/mina-material")
@login_required
def mine():
    return render_template(
        "browse/list.html",
        heading=_("My materials"),
        pagination=services.mine(current_user, page=page_number()),
        show_status=True,
    )
