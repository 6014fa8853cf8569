"""Web processes open the index while the indexer commits to it, many times a second."""

import threading
from datetime import UTC, datetime

from flask import current_app

from share.search.fields import FIELDS
from share.search.index import open_index, searcher
from share.search.location import live
from share.search.upkeep import lag

OPENINGS = 300


def test_opening_the_index_while_another_writer_commits_never_fails(db, publish, monkeypatch):
    """Whoosh lists the directory for the newest table of contents and then reads it; a
    commit in between deletes it; tantivy replaces its meta file. Each opening here is a
    new worker's first search."""
    monkeypatch.setitem(current_app.config, "SEARCH_INDEXER", "worker")
    open_index()
    writing, stop = threading.Event(), threading.Event()
    failures = []
    engine, directory = live()
    app = current_app._get_current_object()

    def commit_again_and_again() -> None:
        number = 0
        # In an app context, as the indexer is: OpenSearch's settings are the app's.
        with app.app_context():
            while not stop.is_set():
                writer = engine.writer(directory, timeout=10)
                writer.update(engine.prepared(document(number % 5 + 1, f"lek {number}")))
                writer.commit()
                number += 1
                writing.set()

    writer = threading.Thread(target=commit_again_and_again)
    writer.start()
    try:
        writing.wait(timeout=30)
        for _ in range(OPENINGS):
            try:
                lag()
                with searcher() as opened:
                    assert opened.digests(), "read as empty"
            except Exception as error:  # noqa: BLE001 (collected: the assertion shows them)
                failures.append(repr(error))
    finally:
        stop.set()
        writer.join(timeout=30)
    assert failures == []


def document(material_id: int, title: str) -> dict:
    """An index document with nothing but a title."""
    empty = {field.name: "" for field in FIELDS}
    return {**empty, "id": str(material_id), "title": title, "published": NOW, "tried_by": 0}


NOW = datetime.now(UTC)
