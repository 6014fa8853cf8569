"""Searches that found nothing or little, counted per day and query for the administration.

Only the words, the day and the count are kept: not who searched, not when in the day.

The count is written after the response has been sent (Werkzeug's `call_on_close`, which
the WSGI server calls once the body is out), in a session and transaction of its own: the
searcher does not wait for it, a failure cannot reach their response, and the request's own
transaction is over before it starts. One upsert per miss rather than a buffer in the
process: a buffer would be lost with its worker and counted apart in each worker.
"""

from datetime import date, datetime
from functools import partial
from zoneinfo import ZoneInfo

from flask import Flask, after_this_request, current_app
from sqlalchemy.dialects import postgresql, sqlite

from share.extensions import db
from share.search.models import MAX_QUERY_CHARS, MissKind, SearchMiss
from share.search.services import SearchRequest

#: A search with fewer hits than this is a low-hit search.
LOW_HITS = 3


def normalized(text: str) -> str:
    """The query as it is counted: lowercased, runs of spaces made one, capped in length."""
    return " ".join(text.lower().split())[:MAX_QUERY_CHARS].rstrip()


def miss_kind(total: int) -> MissKind | None:
    if total == 0:
        return MissKind.ZERO
    if total < LOW_HITS:
        return MissKind.LOW
    return None


def record_miss(day: date, query_text: str, kind: MissKind) -> None:
    """Add one to the count of `query_text` missing (`kind`) on `day`.

    One INSERT … ON CONFLICT DO UPDATE: two workers counting the same miss at once both
    count, on SQLite and PostgreSQL alike, where a read-then-write could lose one or fail on
    the unique key."""
    table = SearchMiss.__table__
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(day=day, query_text=query_text, kind=kind, count=1)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.day, table.c.query_text, table.c.kind],
        set_={"count": table.c.count + 1},
    )
    db.session.execute(statement)


def count_after_response(search_request: SearchRequest, total: int) -> None:
    """Count this search if it missed, once its response has been sent.

    Only searches with words and without filters count: a filter's few hits say more about
    the filter than about what Dela lacks."""
    query_text = normalized(search_request.text)
    kind = miss_kind(total)
    if not query_text or kind is None or search_request.filters:
        return
    app = current_app._get_current_object()
    day = datetime.now(ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"])).date()

    @after_this_request
    def write_when_sent(response):
        response.call_on_close(partial(_write, app, day, query_text, kind))
        return response


def _write(app: Flask, day: date, query_text: str, kind: MissKind) -> None:
    with app.app_context():
        try:
            record_miss(day, query_text, kind)
            db.session.commit()
        except Exception:  # A lost count is not worth an error to anyone.
            db.session.rollback()
            app.logger.exception("counting a search miss failed")
