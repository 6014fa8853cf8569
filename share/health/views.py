"""/healthz and /readyz, for load balancers and orchestrators.

Public by design: they answer without sign-in and without the session or the user loader
(the database may be the very thing that is down), and say no more than a status and a word.
"""

from flask import Blueprint

from share.health.services import readiness_problem, search_stalled

bp = Blueprint("health", __name__)

PLAIN = {"Content-Type": "text/plain; charset=utf-8"}
SEARCH_STALLED = "search is not being updated right now; new and changed materials may be missing"


@bp.get("/healthz")
def healthz():
    """The process answers requests."""
    return "ok\n", 200, PLAIN


@bp.get("/readyz")
def readyz():
    """The process can serve: database reachable, uploads writable, index readable. A
    search indexer that is not at work while changes wait is said, not a failure: the
    site serves without it."""
    problem = readiness_problem()
    if problem:
        return f"unavailable: {problem}\n", 503, PLAIN
    if search_stalled():
        return f"ok\n{SEARCH_STALLED}\n", 200, PLAIN
    return "ok\n", 200, PLAIN
