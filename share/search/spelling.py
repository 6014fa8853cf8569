""" "Menade du": the real spelling of words typed without å ä ö, and corrections of typos.

A word typed without å ä ö that the index has with them ("forskola") is respelled
("förskola") whatever the search found, as it found them by their folded form. A typo is
corrected only when the search found little, and never a word the index knows in any
form, nor a word of the synonym list ("SO", "fritids"), which stands for something known.
"""

from share.search.analysis import STOP_WORDS, fold
from share.search.query import MAX_WORDS, knows, typed_words
from share.search.synonyms import synonym_sets

#: Longer "words" are not Swedish; spelling suggestions skip them, as they cost the most.
MAX_WORD_LENGTH = 40
#: Fewer hits than this, and the typos of a query are corrected.
FEW_HITS = 3


def _respelled(lexicon, word: str) -> str | None:
    """The most common word of the index that `word` is, typed without its å ä ö."""
    if fold(word) != word:
        folded = fold(word)
    elif lexicon.doc_frequency("spelling", word):
        return None
    else:
        folded = word
    prefix = f"{folded}>"
    frequency = {
        text[len(prefix) :]: count
        for text, count in lexicon.words_beginning("respelled", prefix).items()
    }
    frequency.pop(word, None)
    return max(frequency, key=lambda real: (frequency[real], real)) if frequency else None


def _correction(lexicon, word: str, synonym_words: set[str]) -> str | None:
    """The most common indexed word one edit from `word`, else two; None for a word the
    index knows, a known short form, or one not worth correcting."""
    if len(word) < 3 or len(word) > MAX_WORD_LENGTH or word in STOP_WORDS:
        return None
    if word in synonym_words or knows(lexicon, word):
        return None
    for distance in (1, 2):
        # Whoosh's own corrector ranks every word within two edits by frequency alone, so
        # "lek" became "det"; the nearest words come first here. Typos seldom hit the
        # first two letters, and keeping them halves the walk through ~300k words.
        near = lexicon.words_near("spelling", word, distance, prefix=2)
        near.pop(word, None)
        if near:
            return max(near, key=lambda c: (near[c], c))
    return None


def suggestion(lexicon, text: str, total: int) -> str | None:
    """The query with its words respelled (and, when it found fewer than FEW_HITS, its
    typos corrected), or None if no word changes."""
    typed = typed_words(text)[:MAX_WORDS]
    synonym_words = {
        word for group in synonym_sets() for phrase in group for word in phrase.split()
    }
    suggested = []
    for word in typed:
        better = _respelled(lexicon, word)
        if better is None and total < FEW_HITS:
            better = _correction(lexicon, word, synonym_words)
        suggested.append(better or word)
    return " ".join(suggested) if suggested != typed else None
