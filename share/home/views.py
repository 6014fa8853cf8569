from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from share.auth.forms import LoginForm
from share.auth.redirects import safe_next_url
from share.auth.services import registration_open
from share.browse import services as browse
from share.vocabularies.registry import by_key

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    """The start page; signed out, the front door: what Dela is, and how to get in."""
    if not current_user.is_authenticated:
        return _front_page()
    return render_template(
        "home/index.html",
        core_processes=by_key("core_process").terms(include_retired=False),
        newest=browse.published(page=1, per_page=5).items,
        most_tried=browse.most_tried(5),
        recently_proven=browse.recently_proven(5),
    )


def _front_page():
    # Counts and the vocabulary only: no title or name of anything a colleague shared.
    materials, areas = browse.sharing_counts()
    return render_template(
        "home/welcome.html",
        core_processes=by_key("core_process").terms(include_retired=False),
        material_count=materials,
        area_count=areas,
        form=LoginForm(),
        registration_open=registration_open(),
    )


@bp.get("/favicon.ico")
def favicon():
    """Public, as the stylesheet is: browsers and tools ask for it at the root, before anyone
    signs in (pages also link the SVG icon)."""
    return current_app.send_static_file("favicon.ico")


@bp.post("/sprak")
def set_language():
    """Remember the chosen interface language and go back to where the switch was pressed."""
    language = request.form.get("language", "")
    if language in current_app.config["LANGUAGES"]:
        session["language"] = language
    return redirect(safe_next_url(request.form.get("next")) or url_for("home.index"))
