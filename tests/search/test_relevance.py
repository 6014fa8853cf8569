"""Swedish search on a small corpus: stemming, compounds, synonyms, typos, ranking, facets."""

import pytest

from share.search.index import apply_changes
from share.search.services import clean_request, search
from tests.support.accounts import add_test_school, add_user
from tests.support.database import empty_tables
from tests.support.materials import publish_material

#: (title, body, the fields that differ from `publish_material`'s defaults)
CORPUS = [
    ("Rastlekar", "Vi leker tillsammans på rasten.",
     {"process": "vardegrund", "form": "fritidshem"}),
    ("Skolans trädgård", "Eleverna odlar i skolor och på förskolor.", {"subject": "biologi"}),
    ("Läsförståelse med läsfigurer", "Strategier före, under och efter läsning.", {}),
    ("Bråkräkning med pappersremsor", "Halvor och fjärdedelar.", {"subject": "matematik"}),
    ("Digitala verktyg i förskolan", "Lärplattan i skogen.",
     {"process": "ikt-i-larandet", "form": "forskola"}),
    ("Likabehandlingsplan", "Vår plan mot kränkande behandling.", {"process": "vardegrund"}),
    ("Stöd för elever med NPF", "Bildschema och tydlig struktur.",
     {"process": "sarskilt-stod-och-utmaningar"}),
]  # fmt: skip


def titles(text: str, **filters) -> list[str]:
    result = search(clean_request(text, {k: [v] for k, v in filters.items()}, "relevance", 1, 50))
    return [hit.material.title for hit in result.hits]


def test_a_definite_form_finds_the_plural_that_stems_apart(db, publish):
    # Snowball stems skolor → "skol" but leaves skolan alone: only the -an rule joins them.
    publish("Skolor i samverkan", "Två enheter delar en gård.")
    assert titles("skolan") == ["Skolor i samverkan"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lek och lärande", "Lek och lärande i förskolan"),
        ("svenska som andraspråk", "Ordförråd för nyanlända"),
        ("SVA", "Ordförråd för nyanlända"),
        ("språkutveckling för nyanlända", "Ordförråd för nyanlända"),
    ],
)
def test_stop_words_in_a_query_do_not_stop_it(db, publish, query, expected):
    publish("Lek och lärande i förskolan", "Barnen leker och lär.")
    publish("Ordförråd för nyanlända", "Språkutveckling i svenska som andraspråk.")
    assert titles(query) == [expected]


def test_whole_word_ranks_above_compound(db, publish):
    publish("Förståelse i matematik", "Att förstå tal.")
    publish("Läsförståelse i svenska", "Att läsa.")
    assert titles("förståelse") == ["Förståelse i matematik", "Läsförståelse i svenska"]


def test_a_word_in_the_text_ranks_above_a_compound_in_the_title(db, publish):
    publish("Läsförståelse i åk 4", "Strategier.")
    publish("Lärande samtal", "Elevernas förståelse växer när de får prata.")
    assert titles("förståelse") == ["Lärande samtal", "Läsförståelse i åk 4"]


def test_authors_are_found_by_name(db, publish, make_user):
    publish("Rastlekar", "Vi leker.", by=make_user(name="Anna Lindqvist"))
    publish("Bråk", "Halvor.")
    assert titles("lindqvist") == ["Rastlekar"]


def test_newest_first_when_asked(db, publish):
    publish("Högläsning", "högläsning högläsning")
    publish("Bildstöd", "Lite högläsning.")
    newest = search(clean_request("högläsning", {}, "newest", 1, 10))
    assert [hit.material.title for hit in newest.hits] == ["Bildstöd", "Högläsning"]
    assert titles("högläsning") == ["Högläsning", "Bildstöd"]


def test_title_hit_ranks_above_body_hit(db, publish):
    publish("Högläsning", "En metod där barnen lyssnar; vi pratar om bilderna.")
    publish("Bildstöd", "Vi använder högläsning varje dag.")
    assert titles("högläsning") == ["Högläsning", "Bildstöd"]


def test_swedish_letters_are_not_folded(db, publish):
    publish("Hål i marken", "Vi gräver.")
    publish("Hal is", "Vintern.")
    assert titles("hål") == ["Hål i marken"]


def test_drafts_never_appear(db, publish):
    publish("Hemligt utkast om läsning", "läsning", draft=True)
    publish("Öppen text om läsning", "läsning")
    assert titles("läsning") == ["Öppen text om läsning"]
    assert titles("hemligt") == []


def test_admin_edits_synonyms_and_search_follows(browser, signed_in, publish, db):
    from share.auth.models import Role

    publish("Uteklassrum i skogen", "Vi lär oss ute.")
    assert titles("utomhuspedagogik") == []
    signed_in(role=Role.ADMIN)
    response = browser.post("/admin/synonymer", {"terms": "Utomhuspedagogik, uteklassrum"})
    assert response.status_code == 302
    assert titles("utomhuspedagogik") == ["Uteklassrum i skogen"]
    refused = browser.post("/admin/synonymer", {"terms": "bara ett ord"})
    assert "minst två" in refused.get_data(as_text=True)
    from share.search.synonyms import list_groups

    group = next(g for g in list_groups() if "uteklassrum" in g.term_list)
    browser.post(f"/admin/synonymer/{group.id}/ta-bort", {})
    assert titles("utomhuspedagogik") == []


def test_words_deep_in_a_long_body_are_found_by_their_stem(db, publish):
    # Only the stemmed full text can match: "leken" is neither an ending nor a prefix of
    # "lekarna", and the word comes long after the part kept for snippets.
    publish("Lång text", "inledning " * 3000 + "lekarna")
    assert titles("leken") == ["Lång text"]


def test_facet_counts_follow_the_index_as_it_changes(db, publish):
    """Counts come from per-value document sets cached with the searcher; a change to the
    index gives a new searcher, and the counts follow it."""
    from share.materials.services import unpublish_material

    first = publish("Lekar på rasten", "lek", subject="svenska")
    publish("Lekar i klassrummet", "lek", subject="matematik")
    result = search(clean_request("lek", {}, "relevance", 1, 10))
    assert result.facets["subject"] == {"svenska": 1, "matematik": 1}
    chosen = search(clean_request("lek", {"subject": ["svenska", "matematik"]}, "newest", 1, 10))
    assert chosen.total == 2  # values of one facet are alternatives
    unpublish_material(first, first.author)
    db.session.commit()
    result = search(clean_request("lek", {}, "relevance", 1, 10))
    assert result.total == 1
    assert result.facets["subject"] == {"matematik": 1}
    publish("Lekar i slöjden", "lek", subject="slojd")
    assert search(clean_request("lek", {}, "relevance", 1, 10)).facets["subject"] == {
        "matematik": 1,
        "slojd": 1,
    }


class TestOneCorpus:
    """What a small corpus finds. The tests only read it: it is published once per database
    for all of them, and the tables are emptied after the last."""

    @pytest.fixture(scope="class")
    @classmethod
    def corpus(cls, observer_app):
        with observer_app.app_context():
            author = add_user(add_test_school(), 1)
            for title, body, fields in CORPUS:
                publish_material(author, title, body, **fields)
            apply_changes()  # what the first search would do, so that no test writes
        yield
        with observer_app.app_context():
            empty_tables()

    @pytest.mark.parametrize("word", ["lek", "lekar", "leken", "lekarna"])
    def test_play_forms_find_each_other(self, read_db, corpus, word):
        assert titles(word) == ["Rastlekar"] or "Rastlekar" in titles(word)

    @pytest.mark.parametrize("word", ["skola", "skolor", "skolan"])
    def test_school_forms_find_each_other(self, read_db, corpus, word):
        assert "Skolans trädgård" in titles(word)

    @pytest.mark.parametrize("word", ["elev", "eleverna", "elevernas"])
    def test_pupil_forms_find_each_other(self, read_db, corpus, word):
        assert "Skolans trädgård" in titles(word)

    def test_compound_parts_find_compounds(self, read_db, corpus):
        assert "Läsförståelse med läsfigurer" in titles("förståelse")
        assert "Bråkräkning med pappersremsor" in titles("bråk")

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("IKT", "Digitala verktyg i förskolan"),
            ("digitala verktyg", "Digitala verktyg i förskolan"),
            ("värdegrund", "Likabehandlingsplan"),
            ("neuropsykiatrisk funktionsnedsättning", "Stöd för elever med NPF"),
        ],
    )
    def test_synonyms(self, read_db, corpus, query, expected):
        assert expected in titles(query)

    def test_a_misspelling_that_finds_nothing_shows_the_hits_of_its_correction(
        self, read_db, corpus
    ):
        result = search(clean_request("läsförstålse", {}, "relevance", 1, 10))
        assert result.corrected_from == "läsförstålse"
        assert result.searched_for == "läsförståelse"
        assert [hit.material.title for hit in result.hits] == ["Läsförståelse med läsfigurer"]
        assert result.suggestion is None

    def test_the_correction_changes_only_the_unknown_word(self, read_db, corpus):
        # "lek" is in the index and stays; the nearest known word replaces the typo. The
        # correction finds nothing either (no material has both), so it is only offered.
        result = search(clean_request("lek med pappersrämsor", {}, "relevance", 1, 10))
        assert result.corrected_from is None
        assert result.suggestion == "lek med pappersremsor"
        assert (
            search(clean_request("lek med läsfigurer", {}, "relevance", 1, 10)).suggestion is None
        )

    def test_facets_count_with_the_other_filters(self, read_db, corpus):
        result = search(clean_request("", {"core_process": ["vardegrund"]}, "relevance", 1, 10))
        assert result.total == 2
        # The core-process counts ignore the core-process filter itself...
        assert result.facets["core_process"]["synligt-larande"] == 3
        # ...while other facets count only within it.
        assert result.facets["school_form"] == {"fritidshem": 1, "grundskola-4-6": 1}

    def test_filters_combine(self, read_db, corpus):
        assert titles("", core_process="vardegrund", school_form="fritidshem") == ["Rastlekar"]
