from types import SimpleNamespace

from flask import Blueprint, current_app, jsonify, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from share.auth.access import login_required
from share.extensions import db
from share.i18n import current_language
from share.materials import services as material_services
from share.materials.forms import KIND_LABELS, LICENCE_LABELS
from share.schools.models import Area
from share.search import services
from share.search.index import keep_up
from share.vocabularies.models import CoreProcess, SchoolForm, Subject

bp = Blueprint("search", __name__)

FACET_VOCABULARIES = {"core_process": CoreProcess, "school_form": SchoolForm, "subject": Subject}


def _only_my_area() -> bool:
    """Whether "Bara mitt skolområde" is on, and the user has an area for it to mean."""
    return bool(request.args.get("mitt_omrade")) and current_user.area is not None


def _area_values() -> list[str]:
    """The area filter's values: the user's own area while "only my area" is on."""
    if _only_my_area():
        return [str(current_user.area.id)]
    return request.args.getlist("area")


def _search_request() -> services.SearchRequest:
    filters = {name: request.args.getlist(name) for name in services.FACETS}
    filters["area"] = _area_values()
    return services.clean_request(
        request.args.get("q", ""),
        filters,
        request.args.get("sort", "relevance"),
        request.args.get("page", 1),
        request.args.get("per_page", services.PER_PAGE),
    )


def facet_labels() -> dict[str, dict[str, str]]:
    """Facet value → the name a reader sees, per facet."""
    language = current_language()
    labels = {
        name: {
            term.slug: term.name_in(language)
            for term in db.session.execute(select(model)).scalars()
        }
        for name, model in FACET_VOCABULARIES.items()
    }
    labels["area"] = {str(a.id): a.name for a in db.session.execute(select(Area)).scalars()}
    labels["kind"] = {kind.value: str(label) for kind, label in KIND_LABELS.items()}
    labels["licence"] = {licence.value: str(label) for licence, label in LICENCE_LABELS.items()}
    return labels


def search_url(**changes) -> str:
    """This search's URL with `changes` to its parameters (None drops one), on page 1."""
    args = request.args.to_dict(flat=False)
    args.pop("page", None)
    for name, value in changes.items():
        if value is None:
            args.pop(name, None)
        else:
            args[name] = value
    return url_for("search.search_page", **args)


def toggle_url(name: str, value: str) -> str:
    """This search's URL with `value` of facet `name` switched on or off, back on page 1.

    While "only my area" is on, a click in the area facet turns it into an ordinary area
    filter (the own area, with the clicked one added or taken away), so the click does what
    it says instead of being overridden by the toggle."""
    changes = {}
    if name == "area":
        values = _area_values()
        changes["mitt_omrade"] = None
    else:
        values = request.args.getlist(name)
    changes[name] = [v for v in values if v != value] if value in values else [*values, value]
    return search_url(**changes)


@bp.get("/sok")
@login_required
def search_page():
    search_request = _search_request()
    result = services.search(search_request)
    only_my_area = _only_my_area()
    return render_template(
        "search/index.html",
        # Each can be switched off on its own, even when it leaves no hits to count.
        active_filters=[
            (name, value) for name, values in search_request.filters.items() for value in values
        ],
        search=search_request,
        result=result,
        labels=facet_labels(),
        toggle_url=toggle_url,
        suggestion_url=search_url(q=result.suggestion) if result.suggestion else None,
        only_my_area=only_my_area,
        pagination=SimpleNamespace(
            page=result.page,
            pages=result.pages,
            has_prev=result.page > 1,
            has_next=result.page < result.pages,
            prev_num=result.page - 1,
            next_num=result.page + 1,
        ),
    )


@bp.get("/api/v1/search")
@login_required
def search_api():
    search_request = _search_request()
    result = services.search(search_request)
    language = current_language()
    return jsonify(
        total=result.total,
        page=result.page,
        pages=result.pages,
        suggestion=result.suggestion,
        rebuilding=result.rebuilding,
        results=[
            {
                "id": hit.material.id,
                "title": hit.material.title,
                "summary": hit.material.summary,
                "kind": hit.material.kind.value,
                "url": url_for("materials.show", material_id=hit.material.id, _external=True),
                "core_processes": [t.name_in(language) for t in hit.material.core_processes],
                "area": hit.material.area.name if hit.material.area else None,
                "highlights": str(hit.snippet) if hit.snippet else None,
                "highlight_file": hit.snippet_file,
            }
            for hit in result.hits
        ],
        facets=result.facets,
    )


@bp.get("/api/v1/search/suggestions")
@login_required
def suggestions():
    """Titles and tags for the search box while typing."""
    text = request.args.get("q", "")
    return jsonify(
        titles=services.suggest_titles(text),
        tags=material_services.suggest_tags(text, limit=5),
    )


@bp.after_app_request
def apply_index_requests(response):
    """After a request that changed materials, bring the index up to date (the commit has
    happened: a rolled-back change never reaches the index)."""
    if db.session.info.pop("index_requested", False):
        try:
            keep_up()
        except Exception:  # The outbox keeps the requests; the next drain applies them.
            current_app.logger.exception("search index update failed")
    return response
