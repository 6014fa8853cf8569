"""Swedish analysis: lowercase, å ä ö kept, stemmed, with the forms Snowball does not join.

Snowball's Swedish stemmer gives skola/skolor → "skol" but leaves "skolan" as it is. A word
in -an or -et is also indexed as the stem of its indefinite form (skolan → skola → "skol"),
at the same position, so both meet; so is a noun made from a verb with the verb's stem
(bedömning → "bedöm", programmering → "programmer", dokumentation → "dokumenter"), so a
verb finds its noun and back. Compounds are reached through a field of every word written
backwards: a word's ending is a prefix there ("förståelse" finds "läsförståelse"), ranked
below whole and stemmed words.

Folding (`fold`) writes å ä as a, ö as o, é as e, ü as u and so on: what a word looks like
typed on an English keyboard or a phone ("forskola", "bedomning").
"""

import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from itertools import filterfalse
from operator import mul

import Stemmer
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.lang import stopwords_for_language

#: Runs of letters and digits (any alphabet); hyphens and punctuation split words.
WORD = r"[^\W_]+"
#: The shortest word looked for inside compounds: shorter ones end too many words.
MIN_ENDING = 4
#: Words too common to index ("och", "som", "för" …): a query leaves them out too.
STOP_WORDS = frozenset(stopwords_for_language("sv"))


#: Letters that neither decompose nor are Swedish, written as an English keyboard would.
_UNDECOMPOSED = str.maketrans({"æ": "a", "ø": "o", "ß": "ss", "ð": "d", "þ": "th", "ł": "l"})
#: Nouns made from verbs, by ending, and the ending of the verb's stem they share:
#: bedömning/bedöma → "bedöm", programmering/programmera → "programmer",
#: dokumentation/dokumentera → "dokumenter", reflektion/reflektera → "reflekter".
_DERIVED = (("ering", "er"), ("ning", ""), ("ation", "er"), ("ktion", "kter"))
#: The shortest verb stem a derived noun is joined with ("läs" for läsning).
_MIN_DERIVED_STEM = 3
#: Words whose forms are remembered: indexing and highlighting meet the same words again
#: and again; the bound keeps a big vocabulary from growing the process for ever.
WORD_CACHE = 100_000


#: How many recent texts keep their counted words: a document's parts are read by several
#: fields (the body by its stemmed, folded and listed ones), and are split once.
COUNTED_TEXTS = 32


@cache
def _stem():
    """Snowball's Swedish stemmer, compiled (PyStemmer): several times as fast as Whoosh's
    Python one, and a rebuild stems every distinct word of every material. Its own cache
    is off: the caches here hold the forms, and past its 10,000 words it made each word
    cost six times the stemming."""
    stemmer = Stemmer.Stemmer("swedish")
    stemmer.maxCacheSize = 0
    return stemmer.stemWord


def fold(word: str) -> str:
    """`word` without diacritics: förskola → forskola, café → cafe."""
    return word if word.isascii() else _fold_beyond_ascii(word)


@lru_cache(maxsize=WORD_CACHE)
def _fold_beyond_ascii(word: str) -> str:
    folded = word.translate(_FOLDED_LETTERS)
    return folded if folded.isascii() else _fold_slowly(word)


def _fold_slowly(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


#: The Latin letters beyond ASCII and the combining marks, each folded once the slow way:
#: a word of only these (and ASCII) folds by this table, as it would letter by letter
#: (decomposing works letter by letter, and every mark it reorders is dropped).
_FOLDED_LETTERS = str.maketrans({code: _fold_slowly(chr(code)) for code in range(0x80, 0x370)})


@lru_cache(maxsize=WORD_CACHE)
def stems(word: str) -> tuple[str, ...]:
    """The index forms of one lowercased word: its stem, the stem of its indefinite form
    for -an and -et (lågstadiet → lågstadium), and for a noun made from a verb the
    verb's stem."""
    stem = _stem()
    forms = [stem(word)]
    if len(word) > 4:
        if word.endswith("an"):
            forms.append(stem(word[:-1]))
        elif word.endswith("iet"):
            forms.append(stem(word[:-3] + "ium"))
        elif word.endswith("et"):
            forms.append(stem(word[:-2]))
    for ending, verb_ending in _DERIVED:
        base = forms[0]
        if base.endswith(ending) and len(base) - len(ending) >= _MIN_DERIVED_STEM:
            forms.append(base[: -len(ending)] + verb_ending)
            break
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=WORD_CACHE)
def folded_stems(word: str) -> tuple[str, ...]:
    """The forms of `word` in the folded fields: its stems, folded. A word typed without
    å ä ö has the same folded stems as the word with them (Snowball's Swedish endings are
    all but one without them)."""
    return tuple(dict.fromkeys(fold(form) for form in stems(fold(word))))


class SwedishStemFilter(Filter):
    def __call__(self, tokens):
        for token in tokens:
            forms = stems(token.text)
            token.text = forms[0]
            yield token
            for form in forms[1:]:
                token.text = form
                yield token


class FoldedStemFilter(Filter):
    """A word's folded stems, only for a word that folding changes: the fields that hold
    them answer for words typed without å ä ö and stay small."""

    def __call__(self, tokens):
        for token in tokens:
            if fold(token.text) == token.text:
                continue
            for form in folded_stems(token.text):
                token.text = form
                yield token


def _words():
    return RegexTokenizer(WORD) | LowercaseFilter()


def stemming_analyzer():
    return _words() | StopFilter(stoplist=STOP_WORDS, minsize=1) | SwedishStemFilter()


def folded_analyzer():
    return _words() | StopFilter(stoplist=STOP_WORDS, minsize=1) | FoldedStemFilter()


def plain_analyzer():
    return _words()


_WORD = re.compile(WORD)


@lru_cache(maxsize=WORD_CACHE)
def _stemmed_forms(token: str) -> str:
    """A word's stemmed forms, each followed by a space ("" for a stop word)."""
    word = token.lower()
    return "" if word in STOP_WORDS else " ".join(stems(word)) + " "


@lru_cache(maxsize=WORD_CACHE)
def _folded_forms(token: str) -> str:
    """A word's folded forms, each followed by a space ("" if folding changes nothing)."""
    word = token.lower()
    if word in STOP_WORDS or fold(word) == word:
        return ""
    return " ".join(folded_stems(word)) + " "


@lru_cache(maxsize=COUNTED_TEXTS)
def counted(text: str) -> dict[str, int]:
    """Each word of `text` as written, in the order first met, with how often it occurs."""
    return Counter(_WORD.findall(text))


def _repeated(tokens, counts: dict[str, int], forms_of) -> str:
    """The forms of each of `tokens` (spaced, from `forms_of`) as often as `counts` says
    the token occurs: a text's tokens are thousands, so it is all done in C."""
    tokens = list(tokens)
    return "".join(map(mul, map(forms_of, tokens), map(counts.__getitem__, tokens))).rstrip()


def stemmed_tokens(text: str) -> str:
    """The terms `stemming_analyzer` makes of `text`, each as often, separated by spaces
    (in no particular order: for an engine that is given the tokens and reads no
    positions). Each distinct word is looked at once."""
    counts = counted(text)
    return _repeated(counts, counts, _stemmed_forms)


def folded_tokens(text: str) -> str:
    """The terms `folded_analyzer` makes of `text`, the same way. Only a word with a letter
    beyond ASCII can fold into another, so only those are looked at."""
    counts = counted(text)
    return _repeated(filterfalse(str.isascii, counts), counts, _folded_forms)


def plain_tokens(text: str) -> str:
    """The terms `plain_analyzer` makes of `text`, the same way."""
    return " ".join(_WORD.findall(text)).lower()


_WORD_LIST = re.compile(rf"{WORD}(?: {WORD})*")


def listed_tokens(text: str) -> str:
    """The terms `plain_analyzer` makes of words that `words` listed, separated by spaces:
    the words themselves, unless lowercasing one made a character that is no part of a
    word (İ becomes i and a combining dot)."""
    return text if _WORD_LIST.fullmatch(text) or not text else plain_tokens(text)


def words(*texts: str) -> list[str]:
    """The lowercased words of texts, in order, without duplicates (what `plain_analyzer`
    makes of them, each once)."""
    return list(dict.fromkeys(token.lower() for text in texts for token in counted(text)))


#: Stop words as typed without å ä ö ("pa", "nar", "ar"), left out of a query as well.
FOLDED_STOP_WORDS = frozenset(fold(word) for word in STOP_WORDS)


def is_stop_word(word: str) -> bool:
    return word in STOP_WORDS or word in FOLDED_STOP_WORDS


def content_words(phrase: list[str]) -> list[str]:
    """The words of a phrase that the index holds: without stop words, unless that would
    leave nothing ("svenska som andraspråk" → svenska, andraspråk)."""
    return [word for word in phrase if not is_stop_word(word)] or phrase
