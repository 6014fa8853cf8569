"""Web processes open the index while the indexer commits to it, many times a second."""

import threading

from flask import current_app
from whoosh import index as whoosh_index

from share.search.backends.whoosh.schema import schema
from share.search.index import open_index, searcher
from share.search.location import index_dir
from share.search.upkeep import lag

OPENINGS = 300


def test_opening_the_index_while_another_writer_commits_never_fails(db, publish, monkeypatch):
    """Whoosh lists the directory for the newest table of contents and then reads it; a
    commit in between deletes it. Each opening here is a new worker's first search."""
    monkeypatch.setitem(current_app.config, "SEARCH_INDEXER", "worker")
    open_index()
    writing, stop = threading.Event(), threading.Event()
    failures = []
    # A writer of its own, as the indexer's process has.
    writer_side = whoosh_index.open_dir(str(index_dir()), schema=schema())

    def commit_again_and_again() -> None:
        number = 0
        while not stop.is_set():
            writer = writer_side.writer(timeout=10)
            writer.update_document(id=str(number % 5), title=f"lek {number}")
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
                    assert opened.searcher.doc_count_all() > 0, "read as empty"
            except Exception as error:  # noqa: BLE001 (collected: the assertion shows them)
                failures.append(repr(error))
    finally:
        stop.set()
        writer.join(timeout=30)
    assert failures == []
