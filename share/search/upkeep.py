"""Keeping the index in line with the database: after each request, in the background, by a
full rebuild, and the check that compares the two."""

import fcntl
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import func, select
from whoosh.writing import CLEAR

from share import changes
from share.extensions import db
from share.materials.models import Material, MaterialStatus
from share.rules import DomainError
from share.search.documents import documents
from share.search.index import (
    CONSUMER,
    DRAIN_BATCH,
    REQUEST_DRAIN_LIMIT,
    apply_changes,
    open_index,
    pending_count,
    searcher,
)

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    @app.after_request
    def apply_recorded_changes(response):
        """After a request that recorded changes, bring the index up to date (the commit
        has happened: a rolled-back change never reaches the index)."""
        if changes.take_recorded_flag():
            try:
                keep_up()
            except Exception:  # The log keeps the changes; the next drain applies them.
                current_app.logger.exception("search index update failed")
        return response


def keep_up() -> bool:
    """Apply a request's worth of pending changes and leave a bigger backlog to a thread.
    Returns whether some are still pending: search is then behind."""
    apply_changes(limit=REQUEST_DRAIN_LIMIT)
    behind = pending_count() > 0
    if behind and current_app.config["SEARCH_BACKGROUND_INDEXING"]:
        _catch_up_in_background(current_app._get_current_object())
    return behind


_background: threading.Thread | None = None
_background_lock = threading.Lock()


def _catch_up_in_background(app) -> None:
    """Apply the change log in a thread of this process, unless one is at it already. With
    several processes, the one holding the index lock does the work."""
    global _background
    with _background_lock:
        if _background is not None and _background.is_alive():
            return
        _background = threading.Thread(
            target=_drain_in_background, args=(app,), name="dela-search-indexer", daemon=True
        )
        _background.start()


def _drain_in_background(app) -> None:
    with app.app_context():
        try:
            while apply_changes(limit=DRAIN_BATCH):
                db.session.expunge_all()  # a rebuild's materials need not stay in memory
        except Exception:  # The log keeps the changes; the next request starts again.
            log.exception("background search indexing failed")
        finally:
            db.session.remove()


def _published_ids() -> list[int]:
    statement = select(Material.id).where(Material.status == MaterialStatus.PUBLISHED)
    return list(db.session.execute(statement.order_by(Material.id)).scalars())


def published_count() -> int:
    statement = select(func.count()).select_from(Material)
    return db.session.execute(
        statement.where(Material.status == MaterialStatus.PUBLISHED)
    ).scalar_one()


def _batches(ids: list[int]):
    for start in range(0, len(ids), DRAIN_BATCH):
        yield ids[start : start + DRAIN_BATCH]


class RebuildRunning(DomainError):
    """Another rebuild of the index is under way."""


@contextmanager
def _only_rebuild() -> Iterator[None]:
    """Hold the rebuild lock (a file under INDEX_DIR, locked with flock, which the system
    lets go of when its process ends, however it ends). Raises RebuildRunning at once when
    another process holds it: a second rebuild would otherwise wait for the first's index
    writer and die when that wait ran out."""
    path = Path(current_app.config["INDEX_DIR"]) / "rebuild.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise RebuildRunning(
                "A rebuild of the search index is already running; nothing was done. "
                "Wait for it to finish."
            ) from error
        yield


def rebuild(progress=None) -> int:
    """Build the index anew from the database; returns documents written. Raises
    RebuildRunning when another rebuild is under way.

    The new documents replace the old in one index commit, so searches see the old index
    until the new one is complete. Changes recorded meanwhile stay recorded and are
    applied after it (applying one twice does no harm)."""
    with _only_rebuild():
        return _rebuild(progress)


def _rebuild(progress) -> int:
    ix = open_index()
    covered = changes.last_id(CONSUMER)
    ids = _published_ids()
    db.session.close()  # no read transaction held open for the whole run
    written = 0
    writer = ix.writer(timeout=120)
    try:
        for batch in _batches(ids):
            for found in documents(batch).values():
                writer.add_document(**found)
                written += 1
            db.session.close()  # no read transaction or loaded material outlives its batch
            if progress:
                progress(len(batch))
        writer.commit(mergetype=CLEAR)
    except BaseException:
        writer.cancel()
        raise
    if covered is not None:
        changes.mark_applied(CONSUMER, up_to=covered)
        db.session.commit()
    return written


def check() -> tuple[list[int], list[int]]:
    """(published materials missing from the index or whose document differs from what the
    database says now, indexed ids that are not published)."""
    with searcher() as opened:
        indexed = {int(fields["id"]): fields.get("digest") for fields in opened.all_stored_fields()}
    published = _published_ids()
    stale = []
    for batch in _batches(published):
        found = documents(batch)
        stale += [i for i in batch if i not in found or indexed.get(i) != found[i]["digest"]]
    return sorted(stale), sorted(set(indexed) - set(published))
