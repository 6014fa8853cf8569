import logging

from flask import Blueprint, jsonify, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from share.auth.guards import login_required
from share.errors import RETRY_AFTER_SECONDS, wants_json
from share.i18n import current_language
from share.materials.tags import suggest_tags
from share.search import misses, services
from share.search.backends.base import SearchUnavailable
from share.search.broaden import broaden
from share.search.facets import FACETS, facet_labels

log = logging.getLogger(__name__)

bp = Blueprint("search", __name__)

UNAVAILABLE_TITLE = _l("Search is unavailable")
UNAVAILABLE_MESSAGE = _l(
    "Search is not available right now. Try again in a while — everything else on Dela works."
)


@bp.app_errorhandler(SearchUnavailable)
def search_unavailable(error: SearchUnavailable):
    """Any page or API call that needs the index while its server cannot be reached: 503,
    in words, on the site's layout; nothing else depends on it."""
    # One line, not a traceback: while the server is away every search ends here.
    log.error("Search unavailable on %s %s: %s", request.method, request.path, error)
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if wants_json():
        return jsonify(ok=False, message=str(UNAVAILABLE_MESSAGE)), 503, headers
    html = render_template(
        "errors/error.html", code=503, title=UNAVAILABLE_TITLE, message=UNAVAILABLE_MESSAGE
    )
    return html, 503, headers


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


def toggle_url(search_request: services.SearchRequest, name: str, value: str) -> str:
    """This search's URL with `value` of facet `name` switched on or off, back on page 1.

    While "only my area" is on, a click in the area facet turns it into an ordinary area
    filter (the own area, with the clicked one added or taken away), so the click does what
    it says instead of being overridden by the toggle."""
    values = search_request.filters.get(name, [])
    changes = {"mitt_omrade": None} if name == "area" else {}
    changes[name] = [v for v in values if v != value] if value in values else [*values, value]
    return search_url(**changes)


@bp.get("/sok")
@login_required
def search_page():
    search_request = services.request_from_args(request.args, current_user)
    result = services.search(search_request)
    misses.count_after_response(search_request, result.total)
    return render_template(
        "search/index.html",
        # Each can be switched off on its own, even when it leaves no hits to count.
        active_filters=[
            (name, value) for name, values in search_request.filters.items() for value in values
        ],
        search=search_request,
        result=result,
        facets={facet.name: facet.label for facet in FACETS},
        labels=facet_labels(current_language()),
        value_languages={facet.name: facet.value_language for facet in FACETS},
        toggle_url=lambda name, value: toggle_url(search_request, name, value),
        suggestion_url=search_url(q=result.suggestion) if result.suggestion else None,
        broadening=broaden(search_request) if result.total == 0 else None,
        all_areas_url=search_url(mitt_omrade=None, area=None),
    )


@bp.get("/api/v1/search")
@login_required
def search_api():
    search_request = services.request_from_args(request.args, current_user)
    result = services.search(search_request)
    misses.count_after_response(search_request, result.total)
    language = current_language()
    return jsonify(
        total=result.total,
        page=result.page,
        pages=result.pages,
        suggestion=result.suggestion,
        corrected_from=result.corrected_from,
        searched_for=result.searched_for,
        rebuilding=result.rebuilding,
        indexer_stopped=result.indexer_stopped,
        results=[
            {
                "id": hit.material.id,
                "title": hit.material.title,
                "summary": hit.material.summary,
                "kind": hit.material.kind.value,
                "url": url_for("materials.show", material_id=hit.material.id, _external=True),
                "core_processes": [t.name_in(language) for t in hit.material.core_processes],
                "area": hit.material.area.name if hit.material.area else None,
                "evidence_level": hit.material.evidence_level.value,
                "tried_by": hit.material.tried_by_count,
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
        tags=suggest_tags(text, limit=5),
    )
