"""The Whoosh schema of share/search/fields.py's fields."""

from functools import cache

from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from share.search.analysis import folded_analyzer, plain_analyzer, stemming_analyzer
from share.search.facets import FACET_NAMES
from share.search.fields import FIELDS, Kind, text_of

#: The column of a facet's values that Whoosh's own grouping counts from: only the
#: benchmarks' raw-Whoosh baseline reads it (Dela counts from the postings).
GROUPING_SUFFIX = "_set"


@cache
def schema() -> Schema:
    stemmed, folded, plain = stemming_analyzer(), folded_analyzer(), plain_analyzer()
    # No positions anywhere (phrase=False): nothing searches for phrases, and positions
    # were most of the index's size.
    made = {
        Kind.ID: lambda f: ID(stored=True, unique=True),
        Kind.STEMMED: lambda f: TEXT(
            analyzer=stemmed, phrase=False, field_boost=f.boost, stored=f.stored
        ),
        Kind.FOLDED: lambda f: TEXT(analyzer=folded, phrase=False, field_boost=f.boost),
        Kind.PLAIN: lambda f: TEXT(analyzer=plain, phrase=False),
        # The spelling field keeps Whoosh's word graph, for "Menade du".
        Kind.WORDS: lambda f: TEXT(analyzer=plain, phrase=False, spelling=f.name == "spelling"),
        Kind.PHRASES: lambda f: KEYWORD(commas=True),
        Kind.TOKENS: lambda f: KEYWORD(),
        Kind.STORED: lambda f: STORED(),
        Kind.MOMENT: lambda f: DATETIME(sortable=True),
        Kind.NUMBER: lambda f: NUMERIC(sortable=True),
    }
    fields = {field.name: made[field.kind](field) for field in FIELDS}
    for name in FACET_NAMES:
        fields[name + GROUPING_SUFFIX] = ID(sortable=True)
    return Schema(**fields)


def whoosh_document(document: dict) -> dict:
    """A document as Whoosh is given it."""
    grouping = {name + GROUPING_SUFFIX: document[name] for name in FACET_NAMES}
    return {**{name: text_of(value) for name, value in document.items()}, **grouping}
