"""The fields of an index document, described once for every search backend.

A field says how its text is analyzed (share/search/analysis.py), how much a match in it
weighs and whether it is kept for the results page. Each backend makes its own schema from
these: Whoosh analyzes with the analyzers themselves, tantivy is given their tokens.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum

from share.search.analysis import folded_tokens, listed_tokens, plain_tokens, stemmed_tokens
from share.search.facets import FACET_NAMES


class Kind(Enum):
    #: The material's id: one exact term, stored.
    ID = "id"
    #: Words, lowercased, stop words left out, stemmed (`stemming_analyzer`).
    STEMMED = "stemmed"
    #: The folded stems of words that folding changes (`folded_analyzer`).
    FOLDED = "folded"
    #: Words, lowercased, as written (`plain_analyzer`).
    PLAIN = "plain"
    #: Lowercased words separated by spaces, as the document already holds them (what
    #: `plain_analyzer` makes of them is themselves).
    WORDS = "words"
    #: Whole values separated by commas, each one term as written.
    PHRASES = "phrases"
    #: Whole values separated by white space, each one term as written.
    TOKENS = "tokens"
    #: Kept for the results page, not searched.
    STORED = "stored"
    #: A point in time to sort by.
    MOMENT = "moment"
    #: A number to sort by.
    NUMBER = "number"


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    #: How much a match in this field weighs against one in an unboosted field.
    boost: float = 1.0
    #: Kept in the index and handed back with a hit.
    stored: bool = False


#: Text fields first: what a query's words are looked up in.
FIELDS: tuple[Field, ...] = (
    Field("id", Kind.ID, stored=True),
    Field("title", Kind.STEMMED, boost=5.0, stored=True),
    Field("summary", Kind.STEMMED, boost=2.0, stored=True),
    Field("tags", Kind.STEMMED, boost=2.0),
    # The names (Swedish and English) of the material's vocabulary terms and their short
    # forms, so "värdegrund", "fritids" or "SO" finds what is tagged with them.
    Field("terms", Kind.STEMMED, boost=2.0),
    # The body and tags, whole: one field to match, so a word costs one lookup here rather
    # than one per source.
    Field("text", Kind.STEMMED),
    # The research basis (reference lists) and the attached files' text: a word there is
    # worth less than the same word in what the author wrote on the page.
    Field("appendix", Kind.STEMMED, boost=0.3),
    # What colleagues wrote in their try reports ("bildstöd", "NPF"): it helps others find
    # the method, but weighs less than what its author wrote.
    Field("reports", Kind.STEMMED, boost=0.3),
    # Folded stems (å ä ö as a a o) of the words that have any, for queries typed without
    # them: the title, the head (summary, tags, terms) and the rest, each below its
    # unfolded match.
    Field("folded_title", Kind.FOLDED, boost=4.0),
    Field("folded_head", Kind.FOLDED, boost=1.5),
    Field("folded", Kind.FOLDED, boost=0.4),
    # The title as one lowercased phrase, and its parts before a dash or colon: a material
    # whose title is the query comes first.
    Field("title_exact", Kind.PHRASES),
    # "forskola>förskola" for every word that folding changes: the real spelling of a word
    # typed without å ä ö, for "Menade du".
    Field("respelled", Kind.TOKENS),
    Field("body_excerpt", Kind.STORED, stored=True),
    Field("author", Kind.PLAIN),
    # Every distinct word backwards, for compounds: "förståelse" is a prefix of
    # "läsförståelse" backwards. One term per word, where all its endings were many.
    Field("backwards", Kind.WORDS),
    # Every distinct word as written, for prefixes ("bråk" → "bråkräkning") and
    # "Menade du …".
    Field("spelling", Kind.WORDS),
    Field("published", Kind.MOMENT),
    # Colleagues who reported trying it: "Mest provade".
    Field("tried_by", Kind.NUMBER),
    # A fingerprint of the rest of the document: `check` compares it with the document
    # the database gives now, so any drift shows (a renamed author too).
    Field("digest", Kind.STORED, stored=True),
    # The facets' values, for filters and counts.
    *(Field(name, Kind.PHRASES) for name in FACET_NAMES),
)
BY_NAME = {field.name: field for field in FIELDS}
STORED_FIELDS = tuple(field.name for field in FIELDS if field.stored)

#: Sorts other than by relevance → the fields they order by, most significant first; each
#: puts the largest first ("newest", "most tried, then newest").
SORT_FIELDS = {"newest": ("published",), "most_tried": ("tried_by", "published")}

#: For the engines given tokens (tantivy, OpenSearch): how each analyzed kind's text becomes
#: the tokens `analysis.py`'s analyzers would make of it, separated by spaces.
TOKENS_OF = {
    Kind.STEMMED: stemmed_tokens,
    Kind.FOLDED: folded_tokens,
    Kind.PLAIN: plain_tokens,
    Kind.WORDS: listed_tokens,
}


def text_of(value: str | tuple[str, ...]) -> str:
    """A field's text: a field read from several parts of a material holds them as a tuple
    (share/search/documents.py), so that each part is analyzed once for all its fields."""
    return "\n".join(value) if isinstance(value, tuple) else value


def tokens_of(kind: Kind, value: str | tuple[str, ...]) -> str:
    """The tokens of a field's text, separated by spaces, made part by part."""
    if isinstance(value, tuple):
        return " ".join(filter(None, map(TOKENS_OF[kind], value)))
    return TOKENS_OF[kind](value)


def microseconds(moment: datetime | None) -> int:
    """A document's point in time as a number to sort by (0 for none); a naive one is UTC."""
    if moment is None:
        return 0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1_000_000)
