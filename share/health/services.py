"""What a readiness probe checks: the parts no page can do without.

A probe's answer is a status and one short word; what went wrong, in detail, goes to the
log, where operators read it and strangers do not.
"""

import logging
import tempfile
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from share.changes import Change
from share.extensions import db
from share.search.backends.base import SearchUnavailable
from share.search.index import CONSUMER, check_readable, requests_index
from share.search.upkeep import indexer_silent
from share.storage.backends import storage_backend

log = logging.getLogger(__name__)


def _database() -> None:
    # A connection of its own: the probe must not open a transaction in the request's session.
    with db.engine.connect() as connection:
        connection.execute(select(1))


def _uploads() -> None:
    # A byte written and flushed: a full disk fails this too, not only a read-only one.
    with tempfile.TemporaryFile(dir=Path(current_app.config["UPLOAD_DIR"])) as probe:
        probe.write(b"x")
        probe.flush()


def _storage() -> None:
    # A key that is never there: the store answers "no such object" when it can be reached
    # and the credentials are good.
    storage_backend().exists("readyz")


CHECKS = (
    ("database", _database),
    ("uploads", _uploads),
    ("storage", _storage),
    ("index", check_readable),
)


def readiness() -> tuple[str | None, bool]:
    """(The short name of the first part that fails ("database", "uploads", "storage",
    "index"), or None when the site can serve; whether the search server cannot be
    reached.) A search server away is not a failure: every page but search still works,
    and one server shared by every machine would take them all out of service."""
    search_unreachable = False
    for name, check in CHECKS:
        try:
            check()
        except SearchUnavailable as error:
            log.warning("readiness: search unavailable: %s", error)
            search_unreachable = True
        except Exception as error:  # noqa: BLE001 (whatever the failure, the part is not ready)
            # Its words, not the error: a record kept by a log handler would keep the
            # error's frames, and with them a file Whoosh left open.
            log.warning("readiness check %r failed: %s", name, repr(error))
            return name, search_unreachable
    return None, search_unreachable


def search_stalled() -> bool:
    """Whether changes wait for the search indexer while none is at work: the site still
    serves, but new and changed materials may be missing from search."""
    if requests_index() or not indexer_silent():
        return False
    statement = select(func.count()).select_from(Change).where(Change.consumer == CONSUMER)
    try:
        with db.engine.connect() as connection:
            return connection.execute(statement).scalar_one() > 0
    except Exception as error:  # noqa: BLE001 (the probe's database check reports it)
        log.warning("readiness note on search failed: %s", repr(error))
        return False
