"""Keeping the index in line with the database: who applies the change log, whether
search is behind, a rebuild beside the live index, and the check that compares the two."""

import logging
from contextlib import closing
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import func, select

from share import changes
from share.changes import Change, ChangeKind
from share.extensions import db
from share.materials.models import Material, MaterialStatus
from share.search import leases
from share.search.backends import BACKENDS, backend
from share.search.backends.base import Backend, SearchUnavailable, WriterBusy
from share.search.documents import documents
from share.search.index import (
    CONSUMER,
    DRAIN_BATCH,
    REQUEST_DRAIN_LIMIT,
    apply_changes,
    pending_count,
    requests_index,
    searcher,
)
from share.search.location import index_dir, index_exists, live, new_index_dir, switch_to
from share.search.locks import RebuildLeaseLost, only_rebuild
from share.search.preparing import prepared_batches

log = logging.getLogger(__name__)

#: How long a rebuild waits for the live index's writer (the indexer's batch) to switch.
SWITCH_TIMEOUT_SECONDS = 120


def init_app(app: Flask) -> None:
    if app.config["SEARCH_BACKEND"] not in BACKENDS:
        raise RuntimeError(
            f"SEARCH_BACKEND must be one of {', '.join(sorted(BACKENDS))}, "
            f"not {app.config['SEARCH_BACKEND']!r}"
        )
    if app.config["SEARCH_BACKEND"] == "opensearch" and not app.config["OPENSEARCH_HOSTS"]:
        raise RuntimeError("SEARCH_BACKEND opensearch needs OPENSEARCH_HOSTS (its URLs)")

    @app.after_request
    def apply_recorded_changes(response):
        """Where requests are the indexer (SEARCH_INDEXER "inline"): after a request that
        recorded changes, bring the index up to date (the commit has happened: a
        rolled-back change never reaches the index)."""
        if changes.take_recorded_flag() and requests_index():
            # The log keeps the changes either way; the next drain applies them.
            try:
                apply_changes(limit=REQUEST_DRAIN_LIMIT)
            except SearchUnavailable as error:
                current_app.logger.warning("search index not updated: %s", error)
            except Exception:
                current_app.logger.exception("search index update failed")
        return response


def keep_up() -> None:
    """Before a search, where requests are the indexer: apply a request's worth of the
    pending changes. (Otherwise the indexer applies them.)"""
    if requests_index():
        apply_changes(limit=REQUEST_DRAIN_LIMIT)


def lag() -> tuple[bool, bool]:
    """(Search is behind, no indexer is at work.) Where requests are the indexer, any
    change still pending after `keep_up` means behind. Otherwise more than a few pending
    mean a backlog (a rebuilt or damaged index filling up), as does a missing index, and
    either while the indexer is silent means search is not being updated at all."""
    pending = pending_count()
    if requests_index():
        return pending > 0, False
    missing = not index_exists(index_dir())
    return pending > REQUEST_DRAIN_LIMIT or missing, (pending > 0 or missing) and indexer_silent()


def indexer_silent() -> bool:
    """Whether no indexer has renewed its lease for SEARCH_INDEXER_SILENCE_SECONDS (none
    holds it, or its holder stopped renewing)."""
    return leases.current(leases.INDEXER) is None


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


def rebuild(progress=None, backend_name: str | None = None) -> int:
    """Build the index anew from the database, in `backend_name` (by default the live
    index's backend); returns documents written. Raises RebuildRunning when another
    rebuild is under way.

    It is built in a new directory beside the live one, a writer and a commit for each
    SEARCH_REBUILD_SEGMENT_MATERIALS materials, so memory and temporary files stay bounded,
    while searches read the old one and the indexer keeps applying changes to it (keeping
    their rows in the log meanwhile). Then the pointer file is switched to it under the old
    index's write lock and the old directory removed. The changes pending when the build
    began are covered by it and forgotten; those recorded since are applied to the new
    index by the indexer (applying one twice does no harm)."""
    with only_rebuild() as lease:
        return _rebuild(progress, backend_name or live()[0].name, lease)


def _rebuild(progress, backend_name: str, lease: leases.Lease) -> int:
    covered = list(
        db.session.execute(select(Change.id).where(Change.consumer == CONSUMER)).scalars()
    )
    ids = _published_ids()
    db.session.close()  # no read transaction held open for the whole run
    engine = backend(backend_name)
    target = new_index_dir(backend_name)
    try:
        engine.create(target)
        written, failed = _fill(engine, target, ids, progress)
        if lease.lost:
            raise RebuildLeaseLost(
                "the rebuild's lease lapsed and another rebuild took it; nothing was switched"
            )
        old = _switch(target)
    except BaseException:
        engine.remove(target)
        raise
    log.info("search index rebuilt: %s is live, %s removed", target, old and old[1])
    if old is not None:
        old[0].remove(old[1])
    for start in range(0, len(covered), DRAIN_BATCH):
        changes.mark_applied(CONSUMER, covered[start : start + DRAIN_BATCH])
    # What could not be indexed is tried again by the indexer, as any change.
    db.session.add_all(
        Change(consumer=CONSUMER, kind=ChangeKind.MATERIAL_CHANGED, subject_id=material_id)
        for material_id in sorted(failed)
    )
    db.session.commit()
    return written


def _fill(engine: Backend, target: Path, ids: list[int], progress) -> tuple[int, set[int]]:
    """Write the documents of `ids` into the new index at `target`; returns (documents
    written, ids that failed). The documents are prepared for the whole run at once (the
    preparing processes outlive any one writer); they go through a writer and a commit per
    SEARCH_REBUILD_SEGMENT_MATERIALS materials, or one writer where the backend bounds its
    own."""
    per_writer = (
        len(ids)
        if engine.one_bulk_writer
        else max(DRAIN_BATCH, current_app.config["SEARCH_REBUILD_SEGMENT_MATERIALS"])
    )
    written, failed, writer, in_writer = 0, set(), None, 0
    try:
        with closing(prepared_batches(ids, engine)) as batches:
            for batch, ready, failures in batches:
                if writer is None:
                    writer, in_writer = engine.bulk_writer(target), 0
                failed |= failures
                for material_id in batch:
                    if material_id in ready:
                        writer.add(ready[material_id])
                        written += 1
                in_writer += len(batch)
                if progress:
                    progress(len(batch))
                if in_writer >= per_writer:
                    writer.commit()
                    writer = None
        if writer is not None:
            writer.commit()
    except BaseException:
        if writer is not None:
            writer.cancel()
        raise
    return written, failed


def _switch(target: Path) -> tuple[Backend, Path] | None:
    """Make `target` the live index under the live one's write lock, so that no batch of
    the indexer is half-way into it; returns the old index's backend and directory, if
    there was one."""
    engine, directory = live()
    if not engine.exists(directory):
        switch_to(target)
        return (engine, directory) if directory.exists() else None
    try:
        with engine.held(directory, SWITCH_TIMEOUT_SECONDS):
            switch_to(target)
    except WriterBusy as error:
        raise RuntimeError(
            f"the live index at {directory} stayed locked; nothing was switched"
        ) from error
    return engine, directory


def check() -> tuple[list[int], list[int]]:
    """(published materials missing from the index or whose document differs from what the
    database says now, indexed ids that are not published)."""
    with searcher() as opened:
        indexed = opened.digests()
    published = _published_ids()
    stale = []
    for batch in _batches(published):
        found = documents(batch)
        stale += [i for i in batch if i not in found or indexed.get(i) != found[i]["digest"]]
    return sorted(stale), sorted(set(indexed) - set(published))
