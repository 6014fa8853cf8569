"""Error pages in the visitor's language; no traceback ever reaches a user."""

import logging

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import HTTPException, InternalServerError

from share.extensions import db
from share.i18n import current_language
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
    503: (
        _l("Dela is unavailable for a moment"),
        _l(
            "Dela cannot reach its database just now. Try again in a minute; nothing you "
            "sent was saved half-way."
        ),
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


#: What is raised when the database cannot be reached, has gone away, cannot do the work
#: just now (locked past the busy timeout, a failed commit) or the pool has no connection
#: free: the site is unavailable for a moment, not broken.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, PoolTimeoutError)
#: How long a client is asked to wait before it tries again.
RETRY_AFTER_SECONDS = 30


def wants_json() -> bool:
    """Whether the caller reads JSON: the API, or a page's script that asked for it."""
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(code: int, message=None):
    title, default_message = MESSAGES.get(code, MESSAGES[500])
    if wants_json():
        return jsonify(ok=False, message=str(message or default_message)), code
    try:
        html = render_template(
            "errors/error.html", code=code, title=title, message=message or default_message
        )
    except DATABASE_UNAVAILABLE:  # the menu needs the signed-in user, who is in the database
        return database_unavailable()
    return html, code


def database_unavailable():
    """The 503 answer, built without the database: no user loader (the menu is left out),
    no CSRF token (the language switch too) and no flashed messages, so it comes out
    whatever else is down."""
    title, message = MESSAGES[503]
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if wants_json():
        return jsonify(ok=False, message=str(message)), 503, headers
    # Not render_template: it runs every context processor, and Flask-Login's loads the
    # signed-in user from the database. The template gets only what its layout reads.
    html = current_app.jinja_env.get_template("errors/error.html").render(
        code=503,
        title=title,
        message=message,
        request=request,
        current_language=current_language,
        without_session=True,
    )
    return html, 503, headers


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

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(PoolTimeoutError)
    def database_error(error: Exception):
        # One line, not a traceback: while the database is down every request ends here.
        log.error("Database unavailable on %s %s: %s", request.method, request.path, error)
        db.session.rollback()
        return database_unavailable()

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        log.exception("Unhandled error on %s %s", request.method, request.path)
        db.session.rollback()
        try:
            return render_error(500)
        except Exception:  # The page itself failed: plain words, no trace.
            log.exception("Error page failed")
            return InternalServerError.description, 500
