"""Swedish analysis: lowercase, å ä ö kept, stemmed, with the definite forms Snowball misses.

Whoosh's Snowball stemmer gives skola/skolor → "skol" but leaves "skolan" as it is. A word
in -an is also indexed as the stem of its indefinite form (skolan → skola → "skol"), at the
same position, so both meet. Compounds are reached through a field of every word written
backwards: a word's ending is a prefix there ("förståelse" finds "läsförståelse"), ranked
below whole and stemmed words.
"""

from functools import cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.lang import stemmer_for_language, stopwords_for_language

#: Runs of letters and digits (any alphabet); hyphens and punctuation split words.
WORD = r"[^\W_]+"
#: The shortest word looked for inside compounds: shorter ones end too many words.
MIN_ENDING = 4
#: Words too common to index ("och", "som", "för" …): a query leaves them out too.
STOP_WORDS = frozenset(stopwords_for_language("sv"))


@cache
def _stem():
    return stemmer_for_language("sv")


def stems(word: str) -> list[str]:
    """The index forms of one lowercased word: its stem, plus its indefinite stem for -an."""
    stem = _stem()
    forms = [stem(word)]
    if word.endswith("an") and len(word) > 4:
        alternative = stem(word[:-1])
        if alternative not in forms:
            forms.append(alternative)
    return forms


class SwedishStemFilter(Filter):
    def __call__(self, tokens):
        for token in tokens:
            forms = stems(token.text)
            token.text = forms[0]
            yield token
            for form in forms[1:]:
                token.text = form
                yield token


def _words():
    return RegexTokenizer(WORD) | LowercaseFilter()


def stemming_analyzer():
    return _words() | StopFilter(stoplist=STOP_WORDS, minsize=1) | SwedishStemFilter()


def plain_analyzer():
    return _words()


def words(text: str) -> list[str]:
    """The lowercased words of a query, in order, without duplicates."""
    return list(dict.fromkeys(token.text for token in plain_analyzer()(text)))


def content_words(phrase: list[str]) -> list[str]:
    """The words of a phrase that the index holds: without stop words, unless that would
    leave nothing ("svenska som andraspråk" → svenska, andraspråk)."""
    return [word for word in phrase if word not in STOP_WORDS] or phrase
