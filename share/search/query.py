"""From the words typed to a query (share/search/nodes.py): stems, folded forms, compounds,
synonyms.

Nothing typed in the box is a field query or an operator: `status:draft` is two words.
Every word (or one phrase of each synonym group) must match, in some field and some form;
a material whose title is the query gets a bonus on top.

What a query needs to know of the index comes from a lexicon, which each search backend
gives in its own terms: `doc_frequency(field, text)` (documents with that term) and
`words_beginning(field, prefix)` (the field's terms that begin so, with their document
frequencies).
"""

import re
from dataclasses import dataclass, field

from share.search.analysis import (
    MIN_ENDING,
    content_words,
    fold,
    folded_stems,
    stems,
    words,
)
from share.search.nodes import AllOf, AndMaybe, AnyOf, BestOf, Everything, Term, boosted, terms
from share.search.synonyms import synonym_sets

MAX_WORDS = 20
#: At most this many longer words stand for a word inside compounds.
MAX_COMPOUNDS = 50
#: How many of the most common words beginning (and ending) with a word are looked at for
#: its compounds first: forms of the word itself are among them.
LOOK_AT = 4 * MAX_COMPOUNDS
#: The fields a word's stems are looked up in (their weights are the schema's).
TEXT_FIELDS = ("title", "summary", "tags", "terms", "text", "appendix", "reports")
FOLDED_FIELDS = ("folded_title", "folded_head", "folded")
#: How many letters every form of a word shares with the word (folded, for folded forms).
PREFIX = 3
#: A compound found for a word weighs this much of the word itself.
COMPOUND_BOOST = 0.25
#: The bonus of a material whose title (or a part of it) is the whole query.
EXACT_TITLE_BOOST = 40.0
#: Two typed words that make a compound the index has ("läs förståelse") mean it: the
#: compound weighs this much more than the two words apart.
JOINED_BOOST = 3.0
#: Field names people type as if the box took syntax ("titel:högläsning"): the name is
#: dropped, the word searched.
FIELD_NAMES = re.compile(
    r"\b(?:titel|title|taggar|tagg|tags?|ämne|subject|författare|author|område|area|"
    r"skolform|huvudprocess|typ|kind|status|text)\s*:",
    re.IGNORECASE,
)


def typed_words(text: str) -> list[str]:
    """The lowercased words of a query, without field names typed as syntax."""
    return words(FIELD_NAMES.sub(" ", text))


@dataclass
class Sought:
    """What a query looks for, as highlighting needs it: stems, folded stems and whole
    words (compounds) it matches."""

    stems: set[str] = field(default_factory=set)
    folded: set[str] = field(default_factory=set)
    spelled: set[str] = field(default_factory=set)
    #: The words already looked at, and those of them that match: a page's snippets meet
    #: the same words again and again.
    _looked_at: set[str] = field(default_factory=set)
    _matching: set[str] = field(default_factory=set)
    #: The beginnings of the stems and of the folded stems sought.
    _starts: tuple[set[str], set[str]] | None = None

    @classmethod
    def of(cls, query) -> "Sought":
        sought = cls()
        for term in terms(query):
            name, text = term.field, term.text
            if name in TEXT_FIELDS:
                sought.stems.add(text)
            elif name in FOLDED_FIELDS:
                sought.folded.add(text)
            elif name == "spelling":
                sought.spelled.add(text)
        return sought

    def __bool__(self) -> bool:
        return bool(self.stems or self.folded or self.spelled)

    def found_among(self, lowercased: set[str]) -> set[str]:
        """The words of a text (lowercased) that the query found. Every form of a word
        begins as the word does (Snowball's Swedish keeps at least three letters, and so
        does each form `stems` adds), so only a word that begins as a form sought begins
        is stemmed: a page's snippets hold thousands of words, and few are near."""
        if self._starts is None:
            self._starts = (
                {form[:PREFIX] for form in self.stems},
                {form[:PREFIX] for form in self.folded},
            )
        stem_starts, folded_starts = self._starts
        for word in lowercased - self._looked_at:
            if (
                word in self.spelled
                or (
                    word[:PREFIX] in stem_starts and any(form in self.stems for form in stems(word))
                )
                or (
                    fold(word)[:PREFIX] in folded_starts
                    and any(form in self.folded for form in folded_stems(word))
                )
            ):
                self._matching.add(word)
        self._looked_at |= lowercased
        return lowercased & self._matching


def knows(lexicon, word: str) -> bool:
    """Whether the index has `word` as written or in a form of it."""
    return bool(lexicon.doc_frequency("spelling", word)) or any(
        lexicon.doc_frequency(name, form) for form in stems(word) for name in TEXT_FIELDS
    )


def typed_without_diacritics(lexicon, word: str) -> bool:
    """A word the folded fields should answer for: one typed without å ä ö (it has none to
    fold), or one the index does not know as typed."""
    return fold(word) == word or not knows(lexicon, word)


def _word_query(lexicon, word: str) -> AnyOf:
    alternatives = [Term(name, form) for form in stems(word) for name in TEXT_FIELDS]
    alternatives.append(Term("author", word))
    if typed_without_diacritics(lexicon, word):
        # Only the folded forms the index has: most words typed have none to match.
        alternatives += [
            Term(name, form)
            for form in folded_stems(word)
            for name in FOLDED_FIELDS
            if lexicon.doc_frequency(name, form)
        ]
    # Compounds, ranked below whole and stemmed words.
    alternatives += [
        Term("spelling", other, boost=COMPOUND_BOOST) for other in _compounds(lexicon, word)
    ]
    return AnyOf(tuple(alternatives))


def _compounds(lexicon, word: str) -> list[str]:
    """Indexed words that begin or end with `word` and are more than a form of it, the most
    common first: "bråkräkning" for "bråk", "läsförståelse" for "förståelse". Forms of the
    word itself ("eleverna" for "elever") are left to the stemmed fields, which find them
    already: matching them again here would walk the same long lists twice more."""
    if len(word) < MIN_ENDING:
        return []
    # A common start has thousands of words: the most common are enough, unless forms of
    # the word or equal counts leave the choice in doubt.
    chosen = _longer_words(lexicon, word, LOOK_AT)
    return chosen if chosen is not None else _longer_words(lexicon, word, None)


def _longer_words(lexicon, word: str, limit: int | None) -> list[str] | None:
    """The compounds of `word` among the `limit` most common words beginning and ending
    with it; None when those may not hold all of them."""
    beginning = lexicon.words_beginning("spelling", word, limit)
    ending = lexicon.words_beginning("backwards", word[::-1], limit)
    frequency = {**beginning, **{backwards[::-1]: n for backwards, n in ending.items()}}
    frequency.pop(word, None)
    own = set(stems(word))
    longer = []
    for other in sorted(frequency, key=lambda other: (-frequency[other], other)):
        if stems(other)[0] not in own:
            longer.append(other)
            if len(longer) == MAX_COMPOUNDS:
                break
    # A word a limit left out is no more common than the least common it kept: the choice
    # stands when it is whole and its last word is more common than that.
    cut = [min(found.values()) for found in (beginning, ending) if limit and len(found) >= limit]
    if cut and (len(longer) < MAX_COMPOUNDS or frequency[longer[-1]] <= max(cut)):
        return None
    return longer


def _synonym_groups(text: str) -> list[list[str]]:
    """The query's words, with each synonym phrase found in it (also typed without å ä ö)
    turned into one alternative."""
    typed = typed_words(text)
    groups: list[list[str]] = []
    for synonyms in synonym_sets():
        for phrase in sorted(synonyms):
            place = _place_of(phrase.split(), typed)
            if place is not None:
                del typed[place : place + len(phrase.split())]
                groups.append(sorted(synonyms))
                break
    # The other words stay one phrase, so that neighbours can make a compound.
    left = content_words(typed)[:MAX_WORDS]
    return ([[" ".join(left)]] if left else []) + groups


def _place_of(phrase: list[str], typed: list[str]) -> int | None:
    """Where the words of `phrase` stand in a row in `typed`, compared folded."""
    wanted = [fold(word) for word in phrase]
    folded = [fold(word) for word in typed]
    for start in range(len(folded) - len(wanted) + 1):
        if folded[start : start + len(wanted)] == wanted:
            return start
    return None


def _joined(lexicon, first: str, second: str) -> str | None:
    """The compound two typed words make ("läs förståelse" → "läsförståelse", also with
    the binding s), if the index has it."""
    for joined in (first + second, f"{first}s{second}"):
        if lexicon.doc_frequency("spelling", joined):
            return joined
    return None


def _phrase_query(lexicon, phrase: str):
    """All words of a phrase; two neighbours also match as the compound they make."""
    typed = content_words(phrase.split())
    clauses = []
    index = 0
    while index < len(typed):
        word = typed[index]
        joined = _joined(lexicon, word, typed[index + 1]) if index + 1 < len(typed) else None
        if joined:
            both = AllOf((_word_query(lexicon, word), _word_query(lexicon, typed[index + 1])))
            compound = boosted(_word_query(lexicon, joined), JOINED_BOOST)
            clauses.append(BestOf((both, compound)))
            index += 2
        else:
            clauses.append(_word_query(lexicon, word))
            index += 1
    return clauses[0] if len(clauses) == 1 else AllOf(tuple(clauses))


def build_query(text: str, lexicon):
    """Every word (or one phrase of each synonym group) must match; stop words are left
    out, as the index leaves them out. `lexicon` tells which compounds a word is part of."""
    groups = _synonym_groups(text)
    if not groups:
        return Everything()
    clauses = []
    for alternatives in groups:
        options = [_phrase_query(lexicon, phrase) for phrase in alternatives]
        clauses.append(options[0] if len(options) == 1 else AnyOf(tuple(options)))
    required = clauses[0] if len(clauses) == 1 else AllOf(tuple(clauses))
    phrase = " ".join(typed_words(text)[:MAX_WORDS])
    exact = [
        Term("title_exact", p, boost=EXACT_TITLE_BOOST)
        for p in dict.fromkeys((phrase, fold(phrase)))
    ]
    return AndMaybe(required, exact[0] if len(exact) == 1 else AnyOf(tuple(exact)))
