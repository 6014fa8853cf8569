"""The backend boundary: each backend analyzes text alike, the index is made by the one
asked for, and an install moves from one to the other while it keeps answering."""

import pytest

from share import create_app
from share.search import upkeep
from share.search.analysis import (
    folded_analyzer,
    folded_tokens,
    listed_tokens,
    plain_analyzer,
    plain_tokens,
    stemmed_tokens,
    stemming_analyzer,
    words,
)
from share.search.backends.tantivy.searching import Opened
from share.search.documents import documents
from share.search.location import backend_of, index_dir, live
from share.search.services import clean_request, search
from share.search.upkeep import check, rebuild
from tests.support.apps import make_test_config

TEXTS = [
    "Skolan och lågstadiet: BEDÖMNING för förskolan, programmering i åk 4–6.",
    "Läsförståelse_test 12 år; café, İstanbul, Ærø — dokumentation/reflektion!",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(
    ("analyzer", "tokens"),
    [
        (stemming_analyzer, stemmed_tokens),
        (folded_analyzer, folded_tokens),
        (plain_analyzer, plain_tokens),
    ],
    ids=["stemmed", "folded", "plain"],
)
def test_the_tokens_given_to_tantivy_are_whooshs_terms(text, analyzer, tokens):
    # The same terms, each as often; positions are not indexed.
    assert sorted(tokens(text).split()) == sorted(token.text for token in analyzer()(text))


@pytest.mark.parametrize("text", TEXTS)
def test_a_texts_words_are_the_plain_analyzers(text):
    assert words(text) == list(dict.fromkeys(token.text for token in plain_analyzer()(text)))


def titles(text: str) -> list[str]:
    return [h.material.title for h in search(clean_request(text, {}, "relevance", 1, 50)).hits]


def test_the_index_is_made_by_the_backend_asked_for(db, publish, search_backend):
    publish("Rastlekar", "lek på rasten")
    assert titles("lekar") == ["Rastlekar"]
    engine, directory = live()
    assert engine.name == search_backend
    assert engine.exists(directory)


@pytest.mark.parametrize("target", ["whoosh", "tantivy", "opensearch"])
def test_a_reindex_moves_the_install_to_another_backend_and_searches_go_on(
    db, publish, search_backend, target, monkeypatch, request
):
    if target == "opensearch":
        request.getfixturevalue("opensearch")
    publish("Rastlekar", "lek på rasten")
    assert titles("lek") == ["Rastlekar"]
    old = index_dir()
    during = {}
    real_batches = upkeep.prepared_batches

    def batches(ids, engine):
        # Halfway through the build, the old index still answers.
        during["found"] = titles("lek")
        during["live"] = index_dir()
        yield from real_batches(ids, engine)

    monkeypatch.setattr(upkeep, "prepared_batches", batches)
    assert rebuild(backend_name=target) == 1
    assert during == {"found": ["Rastlekar"], "live": old}
    assert live()[0].name == target
    assert not old.exists() and not backend_of(old).exists(old)
    # The searcher this thread kept open on the old index is let go.
    publish("Bråkräkning", "bråk med lek")
    assert sorted(titles("lek")) == ["Bråkräkning", "Rastlekar"]
    assert check() == ([], [])


@pytest.mark.parametrize("other", ["whoosh", "tantivy", "opensearch"])
def test_the_cli_moves_an_install_and_says_where_it_is(
    db, publish, runner, search_backend, other, request
):
    if other == search_backend:
        pytest.skip("a move to another backend")
    if other == "opensearch":
        request.getfixturevalue("opensearch")
    publish("Rastlekar", "lek")
    result = runner.invoke(args=["search", "reindex", "--backend", other])
    assert result.exit_code == 0, result.output
    assert f"1 materials indexed, in {other}" in result.output
    assert live()[0].name == other and titles("lek") == ["Rastlekar"]
    unknown = runner.invoke(args=["search", "reindex", "--backend", "lucene"])
    assert unknown.exit_code == 2 and live()[0].name == other


def test_an_unknown_backend_stops_the_app_at_start(app_config, tmp_path_factory):
    config = make_test_config(app_config.SQLALCHEMY_DATABASE_URI, tmp_path_factory)
    config.SEARCH_BACKEND = "lucene"
    expected = "SEARCH_BACKEND must be one of opensearch, tantivy, whoosh"
    with pytest.raises(RuntimeError, match=expected):
        create_app(config)


@pytest.mark.parametrize("body", ["Skolan: BEDÖMNING, café och lek.", "Resa till İstanbul."])
def test_the_word_lists_a_document_holds_give_tantivy_whooshs_terms(db, publish, body):
    """The spelling and backwards fields are lists of words, mostly given to tantivy as
    they are."""
    material = publish("Läsförståelse – Exit tickets", body)
    document = documents([material.id])[material.id]
    for name in ("spelling", "backwards"):
        analyzed = [token.text for token in plain_analyzer()(document[name])]
        assert listed_tokens(document[name]).split() == analyzed


def test_a_failure_while_facets_are_counted_reaches_the_search(
    db, publish, search_backend, monkeypatch
):
    """tantivy counts facets on a thread of its own: what goes wrong there is raised by
    the search, not lost with the thread."""
    if search_backend != "tantivy":
        pytest.skip("facets counted beside the page")
    publish("Rastlekar", "lek på rasten")
    assert titles("lek") == ["Rastlekar"]

    def broken(self, query, filters):
        raise ValueError("aggregation failed")

    monkeypatch.setattr(Opened, "_counts", broken)
    with pytest.raises(ValueError, match="aggregation failed"):
        titles("lek")
