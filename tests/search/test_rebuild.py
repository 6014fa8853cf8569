"""A rebuild builds beside the live index while the indexer keeps the live one current,
then switches; and one bad material stops neither the indexer nor a rebuild."""

import logging
import threading

import pytest
from flask import current_app
from sqlalchemy import select

from share.changes import Change
from share.search import index as search_index
from share.search import leases, preparing, upkeep
from share.search.backends import tantivy as tantivy_backend
from share.search.index import CONSUMER, apply_changes, pending_count
from share.search.location import index_dir, live
from share.search.services import clean_request, search
from share.search.upkeep import check, rebuild
from share.search.worker import Indexer


def found(text: str) -> list[str]:
    return [h.material.title for h in search(clean_request(text, {}, "relevance", 1, 50)).hits]


@pytest.fixture
def indexer(app, monkeypatch):
    """The worker's loop body, run by the test itself (`catch_up`), on an app whose
    requests leave indexing to it."""
    for config in (app.config, current_app.config):
        monkeypatch.setitem(config, "SEARCH_INDEXER", "worker")
    made = Indexer(current_app._get_current_object(), threading.Event())
    made.lease = leases.take(leases.INDEXER, 30)
    yield made
    made.lease.release()


def test_a_rebuild_switches_to_a_new_directory_and_misses_nothing_of_the_meantime(
    db, publish, indexer
):
    publish("Rastlekar", "lek")
    publish("Bråkräkning", "bråk")
    indexer.catch_up()
    live = index_dir()
    during = {}

    def progress(_count):
        # Searches read the live index; the indexer applies to it what is published now …
        during["dir"], during["found"] = index_dir(), found("lek")
        publish("Lekplatsen", "lek")
        indexer.catch_up()
        during["found after"] = found("lek")
        # … and keeps the change, for the index being built from an earlier read.
        during["pending"] = pending_count()
        during["beside"] = sorted(p.name for p in live.parent.iterdir() if p.is_dir())

    assert rebuild(progress=progress) == 2
    assert during["dir"] == live and during["found"] == ["Rastlekar"]
    assert sorted(during["found after"]) == ["Lekplatsen", "Rastlekar"]
    assert during["pending"] == 1
    assert len(during["beside"]) == 2 and live.name in during["beside"]
    # Switched: the new directory is live, the old one gone, a kept searcher follows.
    assert index_dir() != live and index_dir().name in during["beside"]
    assert not live.exists()
    assert found("lek") == ["Rastlekar"]  # built before Lekplatsen was published
    assert pending_count() == 1
    indexer.catch_up()
    assert pending_count() == 0
    assert sorted(found("lek")) == ["Lekplatsen", "Rastlekar"]
    assert check() == ([], [])


def test_the_indexer_keeps_the_rows_while_a_rebuild_runs_and_applies_them_after(
    db, publish, indexer
):
    """A rebuild stopped half-way (an error, a kill) switches nothing: what the indexer
    kept meanwhile is applied to the live index when it is over, and then forgotten."""
    publish("Rastlekar", "lek")
    indexer.catch_up()
    live = index_dir()

    def progress(_count):
        publish("Lekplatsen", "lek")
        indexer.catch_up()
        raise RuntimeError("the rebuild stops here")

    with pytest.raises(RuntimeError):
        rebuild(progress=progress)
    assert index_dir() == live
    assert [p for p in live.parent.iterdir() if p.is_dir()] == [live]  # its directory gone
    assert pending_count() == 1 and sorted(found("lek")) == ["Lekplatsen", "Rastlekar"]
    indexer.catch_up()
    assert pending_count() == 0


@pytest.fixture
def a_bad_material(monkeypatch):
    """Factory: a_bad_material(id) makes building that material's document fail, as data
    the code cannot handle would."""
    real = search_index.documents

    def make(bad_id: int):
        def documents(ids, prepare):
            if bad_id in ids:
                raise ValueError(f"material {bad_id} cannot be indexed")
            return real(ids, prepare)

        monkeypatch.setattr(search_index, "documents", documents)

    return make


def test_one_bad_material_is_logged_and_kept_the_rest_are_indexed(
    db, publish, a_bad_material, caplog
):
    publish("Rastlekar", "lek")
    bad = publish("Lekplatsen", "lek")
    a_bad_material(bad.id)
    with caplog.at_level(logging.ERROR, logger="share.search.index"):
        apply_changes()
    assert f"material {bad.id} could not be indexed" in caplog.text
    assert found("lek") == ["Rastlekar"]
    left = db.session.execute(select(Change.subject_id).where(Change.consumer == CONSUMER))
    assert set(left.scalars()) == {bad.id}


def test_the_worker_leaves_a_bad_material_aside_and_tries_it_again_later(
    db, publish, indexer, a_bad_material, monkeypatch
):
    bad = publish("Lekplatsen", "lek")
    a_bad_material(bad.id)
    publish("Rastlekar", "lek")
    indexer.catch_up()
    assert found("lek") == ["Rastlekar"]
    kept = pending_count()
    assert kept and indexer.held
    assert indexer.catch_up() == 0  # not tried again at once
    assert pending_count() == kept
    monkeypatch.undo()  # the material mended
    monkeypatch.setattr("share.search.worker.RETRY_FAILED_SECONDS", 0)
    assert indexer.catch_up() == kept
    assert pending_count() == 0
    assert sorted(found("lek")) == ["Lekplatsen", "Rastlekar"]


def test_a_rebuild_indexes_the_rest_and_queues_a_bad_material(db, publish, a_bad_material):
    publish("Rastlekar", "lek")
    bad = publish("Lekplatsen", "lek")
    apply_changes()
    a_bad_material(bad.id)
    assert rebuild() == 1
    left = db.session.execute(select(Change.subject_id).where(Change.consumer == CONSUMER))
    assert list(left.scalars()) == [bad.id]


def test_a_rebuild_prepares_its_documents_in_child_processes(db, publish, monkeypatch):
    """Batches of two, in two children spawned once for the whole run, and a writer (and
    a commit) per two materials unless the backend bounds its writer's memory itself:
    every material is indexed once, in order, and the index matches the database."""
    titles = [f"Lek {n}" for n in range(5)]
    for title in titles:
        publish(title, "lek på rasten")
    monkeypatch.setattr(preparing, "BATCH", 2)
    monkeypatch.setattr(upkeep, "DRAIN_BATCH", 2)
    monkeypatch.setitem(current_app.config, "SEARCH_REBUILD_PROCESSES", 2)
    monkeypatch.setitem(current_app.config, "SEARCH_REBUILD_SEGMENT_MATERIALS", 2)
    spawned, writers = [], []
    real_start = preparing.ProcessPoolExecutor

    def counted(*args, **kwargs):
        spawned.append(args[0])
        return real_start(*args, **kwargs)

    engine = type(live()[0])
    real_writer = engine.bulk_writer

    def counted_writer(self, directory):
        writers.append(directory)
        return real_writer(self, directory)

    monkeypatch.setattr(preparing, "ProcessPoolExecutor", counted)
    monkeypatch.setattr(engine, "bulk_writer", counted_writer)
    assert rebuild() == 5
    assert spawned == [2]
    assert len(writers) == (1 if engine.one_bulk_writer else 3)
    assert check() == ([], [])
    assert sorted(found("lek")) == titles


def test_a_tantivy_rebuild_commits_its_parts_as_it_goes(db, publish, monkeypatch, search_backend):
    """tantivy's one writer commits every few documents without waiting for merges: the
    index is in a segment or more per part, which its merges join in the background."""
    if search_backend != "tantivy":
        pytest.skip("tantivy's rebuild")
    for n in range(5):
        publish(f"Lek {n}", "lek på rasten")
    monkeypatch.setattr(tantivy_backend, "BULK_PART_DOCUMENTS", 2)
    assert rebuild() == 5
    engine, directory = live()
    # Three commits; one at the end would have made a segment per writer thread (two).
    assert engine.searcher(directory).searcher.num_segments >= 3
    assert check() == ([], [])
    assert len(found("lek")) == 5
