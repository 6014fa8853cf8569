"""The index follows the database: after commits only, rebuilt when missing or broken."""

import gc
import shutil
import threading
import time

import pytest
from flask import current_app

from share.changes import ChangeKind, record_change
from share.materials.services import (
    MaterialDraft,
    publish_material,
    remove_material,
    unpublish_material,
    update_material,
)
from share.search.backends.opensearch import client, index_name
from share.search.index import REQUEST_DRAIN_LIMIT, apply_changes, pending_count, searcher
from share.search.location import index_dir, live
from share.search.services import clean_request, search, suggest_titles
from share.search.upkeep import check, rebuild
from share.search.worker import Indexer

#: The files of an index segment, by backend.
SEGMENT_FILES = {"whoosh": {".seg"}, "tantivy": {".idx", ".term", ".store", ".fast"}}


def found(text: str) -> list[str]:
    return [h.material.title for h in search(clean_request(text, {}, "relevance", 1, 50)).hits]


def rewrite_body(material, body: str) -> None:
    """An edit by the author that gives the material a new body and keeps the rest."""
    draft = MaterialDraft(
        kind=material.kind,
        title=material.title,
        summary=material.summary,
        licence=material.licence,
        body=body,
        terms={"core_process": [t.id for t in material.core_processes]},
    )
    update_material(material, material.author, draft)


def indexed_ids() -> set[str]:
    with searcher() as opened:
        return {str(material_id) for material_id in opened.digests()}


def test_published_edited_unpublished_and_removed(db, publish):
    material = publish("Rastlekar", "lek")
    assert found("lek") == ["Rastlekar"]
    unpublish_material(material, material.author)
    db.session.commit()
    assert found("lek") == []
    assert str(material.id) not in indexed_ids()
    publish_material(material, material.author)
    db.session.commit()
    assert found("lek") == ["Rastlekar"]
    remove_material(material, material.author)
    db.session.commit()
    assert found("lek") == []


def test_rolled_back_change_is_never_searchable(db, publish):
    publish("Rastlekar", "lek", draft=True)
    from sqlalchemy import select

    from share.materials.models import Material

    material = db.session.execute(select(Material)).scalar_one()
    publish_material(material, material.author)
    db.session.rollback()
    apply_changes()
    assert found("lek") == []


def lose_the_index() -> None:
    """The live index gone behind Dela's back: its files, or its index on the server."""
    engine, directory = live()
    engine.remove(directory)


def test_missing_index_is_rebuilt(db, publish):
    publish("Rastlekar", "lek")
    assert found("lek") == ["Rastlekar"]
    lose_the_index()
    shutil.rmtree(current_app.config["INDEX_DIR"])
    assert found("lek") == ["Rastlekar"]


def damage(path) -> None:
    """Put garbage where a file was, as a bad restore would: a new file, not the old one
    overwritten, which Whoosh may have mapped into memory (overwriting it is a crash)."""
    path.unlink()
    path.write_bytes(b"garbage" * 100)


def found_by_a_new_worker(text: str) -> list[str]:
    """`found`, from a thread with no searcher of its own kept open, as a new worker."""
    app, titles = current_app._get_current_object(), []

    def search_there():
        with app.app_context():
            titles.extend(found(text))

    worker = threading.Thread(target=search_there)
    worker.start()
    worker.join()
    return titles


def close_on_the_server(directory) -> None:
    """An OpenSearch index that cannot be read: closed, as an operator might leave it."""
    client().indices.close(index=index_name(directory))


# Whoosh's TOC.read leaves its file open when it raises on a damaged index (whoosh 2.7.x).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_corrupt_index_is_rebuilt(db, publish, search_backend):
    publish("Rastlekar", "lek")
    found("lek")
    if search_backend == "opensearch":
        close_on_the_server(index_dir())
    for path in index_dir().iterdir():
        damage(path)
    assert found("lek") == ["Rastlekar"]
    gc.collect()  # so Whoosh's leaked file is reported here, where it is expected


# As above: Whoosh leaves a damaged segment's file open when it fails to read it.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_damaged_segment_is_rebuilt(db, publish, search_backend):
    if search_backend not in SEGMENT_FILES:
        pytest.skip("the index's files are the server's: a closed index stands for damage")
    publish("Rastlekar", "lek")
    found("lek")
    suffixes = SEGMENT_FILES[search_backend]
    segments = [path for path in index_dir().iterdir() if path.suffix in suffixes]
    assert segments
    for path in segments:
        damage(path)
    assert found_by_a_new_worker("lek") == ["Rastlekar"]
    gc.collect()


def test_a_kept_searcher_sees_what_is_published_after_it(db, publish):
    publish("Rastlekar", "lek")
    assert found("lek") == ["Rastlekar"]
    publish("Lekplatsen", "lek")
    assert sorted(found("lek")) == ["Lekplatsen", "Rastlekar"]


def test_a_kept_searcher_forgets_what_was_edited_away_or_unpublished(db, publish):
    """Counted, not only shown: hits are checked against the database, totals and facet
    counts come from the index alone. Whoosh's own refresh() kept deleted documents."""

    def total(text: str) -> int:
        return search(clean_request(text, {}, "relevance", 1, 50)).total

    material = publish("Rastlekar", "Kottar och pinnar.")
    other = publish("Lekplatsen", "Kottar.")
    assert total("kottar") == 2
    rewrite_body(material, "Stenar.")
    db.session.commit()
    assert (total("kottar"), total("stenar"), total("")) == (1, 1, 2)
    unpublish_material(other, other.author)
    db.session.commit()
    assert (total("kottar"), total("")) == (0, 1)
    assert search(clean_request("", {}, "relevance", 1, 50)).facets["kind"] == {"method": 1}
    rebuild()  # every segment replaced by one: none of the old ones may come back
    assert (total("kottar"), total("stenar"), total("")) == (0, 1, 1)


def test_a_big_backlog_is_left_to_the_background_and_the_page_says_so(
    db, publish, browser, signed_in
):
    for number in range(REQUEST_DRAIN_LIMIT + 5):
        publish(f"Lek nummer {number}", "lek")
    apply_changes()
    lose_the_index()
    signed_in()
    page = browser.client.get("/sok?q=lek").get_data(as_text=True)
    assert "Sökindexet uppdateras" in page
    # A request applies its share, no more: the rest waits for the background.
    assert pending_count() == 5
    apply_changes()
    page = browser.client.get("/sok?q=lek").get_data(as_text=True)
    assert "Sökindexet uppdateras" not in page and "25 träffar" in page


def test_the_worker_refills_a_missing_index_that_requests_leave_alone(
    db, publish, app, monkeypatch
):
    for number in range(REQUEST_DRAIN_LIMIT + 5):
        publish(f"Lek nummer {number}", "lek")
    apply_changes()
    lose_the_index()
    for config in (app.config, current_app.config):
        monkeypatch.setitem(config, "SEARCH_INDEXER", "worker")
    # A search finds nothing, says why, and writes nothing: the index is the worker's.
    result = search(clean_request("lek", {}, "relevance", 1, 50))
    assert (result.total, result.rebuilding, result.indexer_stopped) == (0, True, True)
    assert not index_dir().exists()
    stop = threading.Event()
    worker = threading.Thread(target=Indexer(app, stop).run)
    worker.start()
    try:
        deadline = time.monotonic() + 60
        while len(found("lek")) < REQUEST_DRAIN_LIMIT + 5 and time.monotonic() < deadline:
            time.sleep(0.2)
            db.session.rollback()  # see the worker's commits
    finally:
        stop.set()
        worker.join(timeout=60)
    assert not worker.is_alive()
    assert pending_count() == 0
    assert len(found("lek")) == REQUEST_DRAIN_LIMIT + 5


def test_hidden_after_indexing_is_not_shown_even_before_the_index_knows(db, publish):
    from share.materials.models import MaterialStatus

    material = publish("Hemlig lekplan", "lek")
    assert found("lek") == ["Hemlig lekplan"]
    # Behind the services' back, so no change recorded: only the database knows.
    material.status = MaterialStatus.HIDDEN
    db.session.commit()
    assert found("lek") == []
    assert suggest_titles("hemlig") == []


def test_hidden_through_the_service_leaves_the_index(db, publish, make_user):
    from share.auth.models import Role
    from share.materials.services import set_hidden

    material = publish("Rastlekar", "lek")
    set_hidden(material, make_user(role=Role.EDITOR), hidden=True)
    db.session.commit()
    assert found("lek") == []
    assert str(material.id) not in indexed_ids()


def test_a_request_that_publishes_updates_the_index_after_its_commit(browser, signed_in, db):
    from share.vocabularies.models import CoreProcess
    from tests.support.vocabularies import ids

    signed_in()
    form = {
        "kind": "method",
        "title": "Rastlekar",
        "summary": "Lekar.",
        "licence": "cc0-1.0",
        "core_process_ids": [str(ids(db, CoreProcess, "vardegrund")[0])],
        "action": "publish",
    }
    response = browser.post("/material/ny", form, token_from="/material/ny")
    assert response.status_code == 302
    material_id = response.headers["Location"].rsplit("/", 1)[1]
    # Read straight from the index: no search has run to apply anything.
    assert material_id in indexed_ids()
    assert pending_count() == 0


def test_reindex_keeps_the_old_index_until_done_and_keeps_later_requests(db, publish):
    first = publish("Rastlekar", "lek").id
    second = publish("Bråkräkning", "bråk").id
    apply_changes()
    seen_while_building = []

    def progress(_count):
        seen_while_building.append(indexed_ids())
        record_change(ChangeKind.MATERIAL_CHANGED, first)  # a change during the rebuild
        db.session.commit()

    assert rebuild(progress=progress) == 2
    assert seen_while_building == [{str(first), str(second)}]
    assert pending_count() == 1
    assert found("lek") == ["Rastlekar"]


def test_check_notices_a_stale_document(db, publish):
    material = publish("Rastlekar", "lek")
    apply_changes()
    assert check() == ([], [])
    rewrite_body(material, "Nu om kull.")
    db.session.commit()
    assert check() == ([material.id], [])
    apply_changes()
    assert check() == ([], [])


def test_cli_reindex_and_check(db, publish, runner):
    publish("Rastlekar", "lek")
    publish("Bråkräkning", "bråk")
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0 and "2 materials indexed" in result.output
    assert runner.invoke(args=["search", "check"]).exit_code == 0
    lose_the_index()
    live()[0].create(index_dir())
    report = runner.invoke(args=["search", "check"])
    assert report.exit_code == 1 and "missing or stale" in report.output
    assert check()[0]
