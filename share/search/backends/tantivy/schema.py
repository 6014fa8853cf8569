"""The tantivy schema of share/search/fields.py's fields, and a document in its terms.

tantivy is given the tokens of Dela's own analysis (share/search/analysis.py), separated by
spaces, and splits them on white space: the -an and -et forms, the verb stems of nouns and
the folded forms are then the same terms as in a Whoosh index, with no analyzer to keep in
step in Rust. What the results page reads is kept together, as one stored value.
"""

import json
from functools import cache

import tantivy

from share.search.fields import (
    FIELDS,
    SORT_FIELDS,
    STORED_FIELDS,
    TOKENS_OF,
    Kind,
    microseconds,
    tokens_of,
)

#: The stored fields, as one JSON value.
STORED = "stored"
#: The material's id as a number, for ordering ties.
NUMBER = "number"
#: Per sort, a number that orders by all of its fields at once: tantivy orders by one.
SORT_KEYS = {sort: f"sort_{sort}" for sort in SORT_FIELDS}
#: "Most tried, then newest": the reports count above the publishing time in seconds,
#: which 2**36 holds until the year 4147.
SECONDS_BITS = 36


@cache
def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for field in FIELDS:
        if field.kind == Kind.ID:
            builder.add_text_field(field.name, tokenizer_name="raw", index_option="basic")
        elif field.kind in TOKENS_OF or field.kind == Kind.TOKENS:
            # Frequencies but no positions: nothing searches for phrases.
            builder.add_text_field(field.name, tokenizer_name="whitespace", index_option="freq")
        elif field.kind == Kind.PHRASES:
            # A fast field as well: facet counts are aggregations over it.
            builder.add_text_field(
                field.name, tokenizer_name="raw", index_option="basic", fast=True
            )
    builder.add_bytes_field(STORED, stored=True)
    builder.add_integer_field(NUMBER, fast=True)
    for key in SORT_KEYS.values():
        builder.add_integer_field(key, fast=True)
    return builder.build()


def sort_values(document: dict) -> dict[str, int]:
    published = microseconds(document["published"])
    tried_by = min(int(document["tried_by"] or 0), 2 ** (62 - SECONDS_BITS))
    return {
        SORT_KEYS["newest"]: published,
        SORT_KEYS["most_tried"]: (tried_by << SECONDS_BITS) | (published // 1_000_000),
    }


def prepared(document: dict) -> dict:
    """A document with its text analyzed, ready to be given to tantivy (plain values, so
    that it can be made in another process)."""
    ready: dict = {}
    for field in FIELDS:
        value = document.get(field.name) or ""
        if field.kind == Kind.ID:
            ready[field.name] = [str(value)]
        elif field.kind in TOKENS_OF:
            ready[field.name] = [tokens_of(field.kind, value)]
        elif field.kind == Kind.TOKENS:
            ready[field.name] = [value]
        elif field.kind == Kind.PHRASES:
            ready[field.name] = [part for part in value.split(",") if part]
    stored = {name: document.get(name) for name in STORED_FIELDS}
    ready[STORED] = json.dumps(stored, ensure_ascii=False).encode()
    ready[NUMBER] = int(document["id"])
    ready.update(sort_values(document))
    return ready


def tantivy_document(ready: dict) -> tantivy.Document:
    made = tantivy.Document()
    for name, value in ready.items():
        if isinstance(value, list):
            for text in value:
                made.add_text(name, text)
        elif isinstance(value, bytes):
            made.add_bytes(name, value)
        else:
            made.add_integer(name, value)
    return made


def stored_fields(document: tantivy.Document) -> dict:
    return json.loads(bytes(document.get_first(STORED)))
