"""Error pages in the visitor's language; no traceback ever reaches a user."""

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from share.extensions import db
from share.rules import NotAllowed, NotFound

log = logging.getLogger(__name__)

MESSAGES = {
    400: (
        _l("Something in the request was wrong"),
        _l("The page could not handle what was sent. Go back and try again."),
    ),
    403: (
        _l("You do not have access"),
        _l(
            "Your account is not allowed to see or do this. Contact an administrator if you "
            "think it should be."
        ),
    ),
    404: (
        _l("The page was not found"),
        _l("The address may be mistyped, or the page has been moved or removed."),
    ),
    405: (
        _l("That cannot be done here"),
        _l("The page does not accept this kind of request."),
    ),
    413: (
        _l("The upload is too large"),
        _l(
            "What you sent is larger than the site accepts. Make the file smaller or send "
            "fewer files at a time."
        ),
    ),
    429: (
        _l("Too many attempts"),
        _l("You have tried too many times in a short while. Wait a few minutes and try again."),
    ),
    500: (
        _l("Something went wrong on our side"),
        _l(
            "The error has been logged. Try again in a moment; nothing you sent was saved half-way."
        ),
    ),
}

CSRF_MESSAGE = _l(
    "The form had expired or did not come from this site, so nothing was saved. "
    "Reload the page and send the form again."
)


def wants_json() -> bool:
    """Whether the caller reads JSON: the API, or a page's script that asked for it."""
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(code: int, message=None):
    title, default_message = MESSAGES.get(code, MESSAGES[500])
    if wants_json():
        return jsonify(ok=False, message=str(message or default_message)), code
    html = render_template(
        "errors/error.html", code=code, title=title, message=message or default_message
    )
    return html, code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, CSRF_MESSAGE)

    @app.errorhandler(NotFound)
    def not_found(error: NotFound):
        db.session.rollback()
        return render_error(404)

    @app.errorhandler(NotAllowed)
    def not_allowed(error: NotAllowed):
        db.session.rollback()
        return render_error(403)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        code = error.code if error.code in MESSAGES else (500 if error.code >= 500 else 400)
        return render_error(code)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        log.exception("Unhandled error on %s %s", request.method, request.path)
        db.session.rollback()
        try:
            return render_error(500)
        except Exception:  # The page itself failed (e.g. database down): plain words, no trace.
            log.exception("Error page failed")
            return InternalServerError.description, 500
