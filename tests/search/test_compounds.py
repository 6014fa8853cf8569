"""The compounds a word stands for: the most common first, the same when only the most
common words beginning and ending with it are asked for."""

from share.search import query
from share.search.index import apply_changes, searcher


def test_the_most_common_compounds_are_chosen_from_a_few_words_as_from_all(
    db, publish, monkeypatch
):
    # "spel" and its own forms are the most common words beginning with it: a short list
    # of the most common holds few compounds, and equal counts leave the last in doubt.
    for number in range(4):
        publish(f"Spel {number}", "spelet spelen spelets")
    publish("Spelplan", "spelplan spelregel")
    publish("Spelregel", "spelregel spelkort")
    publish("Spelkort", "spelkort spelregel")
    publish("Brädspel", "brädspel")
    apply_changes()
    monkeypatch.setattr(query, "MAX_COMPOUNDS", 2)
    with searcher() as opened:
        full = query._longer_words(opened, "spel", None)
        assert full == ["spelregel", "spelkort"]
        for limit in (1, 2, 3, 4, 5, 10):
            assert query._longer_words(opened, "spel", limit) in (None, full)
        # The four most common are the word's forms and one compound: all are looked at.
        assert query._longer_words(opened, "spel", 4) is None
        assert query._longer_words(opened, "spel", 10) == full
        monkeypatch.setattr(query, "LOOK_AT", 4)
        assert query._compounds(opened, "spel") == full
