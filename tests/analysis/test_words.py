"""Swedish analysis and snippets as pure functions: no app, no index."""

import pytest

from share.search.analysis import _fold_slowly, fold, folded_stems, stemmed_tokens, stems, words
from share.search.fields import Kind, text_of, tokens_of
from share.search.query import PREFIX, Sought
from share.search.snippets import highlighted

#: Words whose forms are made by every rule: Snowball's endings, -an, -iet, -et, and the
#: nouns made from verbs (one of them keeps no prefix of its noun beyond the stem).
WORDS = [
    "skolan",
    "lågstadiet",
    "barnet",
    "bedömning",
    "programmering",
    "dokumentation",
    "reflektion",
    "läsförståelse",
    "förskoleklassen",
    "ur",
    "på",
    "åtta",
    "straße",
    "ærø",
]


@pytest.mark.parametrize("word", WORDS)
def test_every_form_of_a_word_begins_as_the_word_does(word):
    # Snippets only stem the words that begin as a form sought does.
    assert all(form[:PREFIX] == word[:PREFIX] for form in stems(word))
    assert all(form[:PREFIX] == fold(word)[:PREFIX] for form in folded_stems(word))


def test_a_text_read_from_several_parts_makes_the_tokens_of_the_whole():
    parts = ("Eleverna läser högt.", "läsning, högläsning")
    assert sorted(tokens_of(Kind.STEMMED, parts).split()) == sorted(
        stemmed_tokens(text_of(parts)).split()
    )
    assert words(*parts) == words(text_of(parts))


def test_each_occurrence_of_a_word_counts():
    assert sorted(stemmed_tokens("lek lek och lek, leken").split()) == ["lek"] * 4


def test_only_whole_words_found_are_marked():
    # "Bokens" is a form of "bok"; "Bokstäver" only begins as it does.
    marked = highlighted("Bokstäver och en bok. Bokens bok!", Sought(stems={"bok"}))
    assert str(marked) == "Bokstäver och en <mark>bok</mark>. <mark>Bokens</mark> <mark>bok</mark>!"


def test_marks_stay_on_their_words_after_a_letter_whose_lowercase_is_longer():
    marked = highlighted("İİİ Elever läser.", Sought(stems={"elev"}))
    assert str(marked) == "İİİ <mark>Elever</mark> läser."


def test_a_word_folds_by_the_table_as_it_would_the_slow_way():
    for word in ("förskola", "café", "ærø", "straße", "naïve", "µg", "e\u0301lev", "Ωmega", "ǅ"):
        assert fold(word) == _fold_slowly(word)
    assert fold("förskola") == "forskola"
