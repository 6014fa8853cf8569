"""What every request is checked for, and the response headers every page gets."""

from flask import Flask, Response, request
from flask_babel import lazy_gettext as _l

from share.errors import render_error

# Everything is served from the site itself: no CDN, no inline script or style.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


NUL_MESSAGE = _l(
    "What was sent contains a character that text may not hold (NUL), so nothing was saved. "
    "Remove it and try again."
)


def init_app(app: Flask) -> None:
    @app.before_request
    def refuse_nul_characters():
        # No keyboard types NUL; PostgreSQL cannot store it, and a name or an e-mail address
        # holding it would look like another. Refused once here rather than in every form.
        values = [*request.args.items(multi=True), *request.form.items(multi=True)]
        if any("\x00" in key or "\x00" in value for key, value in values):
            return render_error(400, NUL_MESSAGE)
        return None

    @app.after_request
    def set_security_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers.setdefault("Cache-Control", "no-store")
        max_age = app.config["HSTS_MAX_AGE"]
        if max_age is not None:
            response.headers["Strict-Transport-Security"] = f"max-age={max_age}"
        return response
