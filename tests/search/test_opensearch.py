"""What the OpenSearch backend does that the file-based ones need not: machines that do not
share INDEX_DIR find the live index through the server's alias, one writer at a time
across them is a lock document, and a search asks the server a few times, not once per
word."""

import copy
import time

import pytest

from share import create_app
from share.extensions import db as database
from share.search.backends import backend
from share.search.backends.base import WriterBusy
from share.search.backends.opensearch import (
    LockLost,
    _locks_index,
    client,
    index_name,
    live_alias,
)
from share.search.documents import SCHEMA_VERSION
from share.search.index import apply_changes
from share.search.location import index_dir, switch_to
from share.search.services import clean_request, search
from share.search.upkeep import rebuild


@pytest.fixture(autouse=True)
def only_on_opensearch(search_backend):
    if search_backend != "opensearch":
        pytest.skip("the OpenSearch backend's own behaviour")


def titles(text: str) -> list[str]:
    return [h.material.title for h in search(clean_request(text, {}, "relevance", 1, 50)).hits]


@pytest.fixture
def other_machine(app_config, tmp_path):
    """An app on the same database and OpenSearch, with an INDEX_DIR of its own (empty):
    another app machine of an install configured for OpenSearch."""
    config = copy.copy(app_config)
    config.SEARCH_BACKEND = "opensearch"
    config.INDEX_DIR = str(tmp_path / "index")
    made = create_app(config)
    yield made
    with made.app_context():
        database.session.remove()
        database.engine.dispose()


def test_another_machine_searches_the_index_a_rebuild_switched_to(db, publish, other_machine):
    publish("Rastlekar", "lek på rasten")
    assert index_dir().name == f"opensearch-v{SCHEMA_VERSION}"  # no rebuild yet: the first
    rebuild()
    switched = index_dir().name
    assert switched.startswith(f"opensearch-v{SCHEMA_VERSION}-")
    with other_machine.app_context():
        assert index_dir().name == switched
        assert titles("lek") == ["Rastlekar"]


def test_a_switch_moves_the_alias_in_one_step_and_writes_the_pointer(db, publish):
    publish("Rastlekar", "lek")
    rebuild()
    first = index_dir()
    rebuild()
    second = index_dir()
    assert second != first
    holders = client().indices.get_alias(name=live_alias())
    assert list(holders) == [index_name(second)]
    pointer = next(index_dir().parent.glob("live-v*"))
    assert pointer.read_text() == second.name
    # A switch back is one call too: the alias leaves the one index for the other.
    engine = backend("opensearch")
    engine.create(first)
    switch_to(first)
    assert list(client().indices.get_alias(name=live_alias())) == [index_name(first)]


def test_one_writer_at_a_time_and_a_dead_holders_lock_runs_out(db):
    engine = backend("opensearch")
    directory = index_dir()
    engine.create(directory)
    writer = engine.writer(directory)
    with pytest.raises(WriterBusy):
        engine.writer(directory, timeout=0.2)
    with pytest.raises(WriterBusy), engine.held(directory, timeout=0):
        pass
    writer.commit()
    engine.writer(directory).cancel()  # let go at commit, and at cancel
    # A holder killed before it let go (no renewals): its lock holds until it expires.
    dead = {"holder": "killed", "expires": int(time.time() * 1000) - 1}
    client().index(index=_locks_index(), id=index_name(directory), body=dead, refresh="true")
    with engine.held(directory, timeout=5), pytest.raises(WriterBusy):  # taken over
        engine.writer(directory, timeout=0)


def test_a_writer_keeps_its_lock_while_it_works_and_writes_nothing_once_it_lost_it(
    db, publish, monkeypatch
):
    first = publish("Rastlekar", "lek")
    assert titles("lek") == ["Rastlekar"]
    engine, directory = backend("opensearch"), index_dir()
    monkeypatch.setattr("share.search.backends.opensearch.LOCK_SECONDS", 1.5)
    writer = engine.writer(directory)
    time.sleep(4)  # more than twice the expiry: renewed meanwhile, so still held
    with pytest.raises(WriterBusy):
        engine.writer(directory, timeout=0)
    writer.delete(first.id)
    writer.commit()
    assert titles("lek") == []

    # A holder whose renewals failed past the expiry: another broke its lock and took it.
    second = publish("Högläsning", "lek")
    assert titles("lek") == ["Högläsning"]
    late = engine.writer(directory)
    late._lock._stop.set()  # its renewals fail from here on
    time.sleep(2)
    with engine.held(directory, timeout=5):
        late.delete(second.id)
        with pytest.raises(LockLost):
            late.commit()
    assert titles("lek") == ["Högläsning"]  # nothing of it was written
    engine.writer(directory, timeout=0).cancel()  # and it left the other's lock alone


def test_a_batch_is_seen_the_moment_it_is_committed(db, publish, monkeypatch):
    """The index's refresh interval is off: a batch's commit makes it seen, whether it
    fits one bulk (refreshed with it) or not (refreshed after the last)."""
    publish("Rastlekar", "lek")
    assert titles("lek") == ["Rastlekar"]  # the index made and filled
    name = index_name(index_dir())
    publish("Högläsning", "lek")
    assert client().count(index=name)["count"] == 1  # recorded, not applied yet
    assert apply_changes() == 1
    assert client().count(index=name)["count"] == 2  # no refresh but the commit's
    monkeypatch.setattr("share.search.backends.opensearch.BULK_CHUNK", 1)
    publish("Bråkräkning", "lek")
    publish("Läsförståelse", "lek")
    assert apply_changes() == 2
    assert client().count(index=name)["count"] == 4


def test_an_index_deleted_behind_delas_back_is_made_anew(db, publish):
    publish("Rastlekar", "lek")
    assert titles("lek") == ["Rastlekar"]
    client().indices.delete(index=index_name(index_dir()))
    assert titles("lek") == ["Rastlekar"]


#: Words of one material, none of them a stop word, no two making a compound.
WORDS = [
    "rastlekar", "högläsning", "bedömning", "programmering", "matematik", "läsförståelse",
    "skrivande", "samarbete", "utomhus", "naturen", "berättelser", "bilder", "ramsor",
    "musik", "dans",
]  # fmt: skip


def requests_of(monkeypatch, text: str, filters: dict | None = None) -> list[str]:
    """The requests the client sends the server for one whole search of `text` (keeping
    up, the lag, facets, snippets and "Menade du"), counted at its transport."""
    transport, sent = client().transport, []
    real = transport.perform_request

    def counted(method, url, *args, **kwargs):
        sent.append(f"{method} {url}")
        return real(method, url, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(transport, "perform_request", counted)
        result = search(clean_request(text, filters or {}, "relevance", 1, 20))
    assert result.total or result.suggestion, text
    return sent


def test_a_search_asks_the_server_a_few_times_however_many_words(db, publish, monkeypatch):
    publish("Rastlekar", " ".join(WORDS), tags=["lek"])
    publish("Högläsning", "högläsning i förskolan")
    assert titles("dans") == ["Rastlekar"]  # the index made and filled
    filters = {"kind": ["method"], "core_process": ["synligt-larande"]}
    one, five, all_words = (
        requests_of(monkeypatch, " ".join(WORDS[:count]), filters) for count in (1, 5, 15)
    )
    assert len(one) == len(five) == len(all_words) <= 5, (one, all_words)
    # Misspelt, and so corrected ("Menade du") and searched again: a few more, as many.
    typo, typos = (
        requests_of(monkeypatch, " ".join(word[:-1] + "x" for word in WORDS[:count]))
        for count in (1, 15)
    )
    assert len(typo) == len(typos) <= 7, (typo, typos)
