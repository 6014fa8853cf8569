"""/healthz and /readyz, for load balancers and orchestrators.

Public by design: they answer without sign-in and without the session or the user loader
(the database may be the very thing that is down), and say no more than a status and a word.
"""

from flask import Blueprint

from share.health.services import readiness, search_stalled

bp = Blueprint("health", __name__)

PLAIN = {"Content-Type": "text/plain; charset=utf-8"}
SEARCH_STALLED = "search is not being updated right now; new and changed materials may be missing"
SEARCH_UNAVAILABLE = "search is unavailable: its server cannot be reached; all else works"


@bp.get("/healthz")
def healthz():
    """The process answers requests."""
    return "ok\n", 200, PLAIN


@bp.get("/readyz")
def readyz():
    """The process can serve: database reachable, uploads writable, index readable. A
    search server that cannot be reached, or a search indexer that is not at work while
    changes wait, is said, not a failure: the site serves without them."""
    problem, search_unreachable = readiness()
    if problem:
        return f"unavailable: {problem}\n", 503, PLAIN
    if search_unreachable:
        return f"ok\n{SEARCH_UNAVAILABLE}\n", 200, PLAIN
    if search_stalled():
        return f"ok\n{SEARCH_STALLED}\n", 200, PLAIN
    return "ok\n", 200, PLAIN
