"""Every document in the order of a sort other than relevance, so that a sorted page is a
walk down that order picking the hits.

Whoosh's own sorting asks a column for the key of every hit, in Python, and sorts them
all on each search: for a word found in most materials that cost more than the search.
Here the order is worked out once per index segment (a segment's documents never change)
and merged once per searcher (equal keys keep the later-indexed document first); a
search then only tests the hits' bit set (from counting.py) along it until its page is
full. A deleted document may stay in a segment's order; it is never a hit, so it is never
picked.
"""

import heapq
import threading
import weakref
from collections.abc import Iterator
from itertools import islice

from whoosh.searching import Searcher

from share.search.fields import SORT_FIELDS

#: (segment id, sort) → (key, -document number) of the segment's documents, in that order:
#: ascending, as each key part is negated.
_by_segment: dict[tuple[str, str], list[tuple[tuple, int]]] = {}
_by_segment_lock = threading.Lock()
#: Searcher → sort → its document numbers in that order. Dropped with the searcher.
_by_searcher: "weakref.WeakKeyDictionary[Searcher, dict[str, list[int]]]" = (
    weakref.WeakKeyDictionary()
)


def _keys(reader, name: str) -> list[int]:
    """The raw column value of every document; a document without one sorts last."""
    column = reader.schema[name].column_type
    missing = column.default_value(False)
    return [
        0 if value == missing else value for value in reader.column_reader(name, translate=False)
    ]


def _segment_order(reader, sort: str) -> list[tuple[tuple, int]]:
    key = (reader.segment().segment_id(), sort)
    found = _by_segment.get(key)
    if found is None:
        columns = [_keys(reader, name) for name in SORT_FIELDS[sort]]
        found = sorted(
            (tuple(-column[docnum] for column in columns), -docnum)
            for docnum in range(reader.doc_count_all())
        )
        with _by_segment_lock:
            _by_segment[key] = found
    return found


def _shifted(order: list[tuple[tuple, int]], offset: int) -> Iterator[tuple[tuple, int]]:
    """A segment's order with the searcher's (negated) document numbers."""
    for keys, negated in order:
        yield keys, negated - offset


def _order(searcher: Searcher, sort: str) -> list[int]:
    kept = _by_searcher.setdefault(searcher, {})
    if sort not in kept:
        segments, live = [], set()
        for reader, offset in searcher.reader().leaf_readers():
            if reader.segment() is None:
                continue  # an empty index
            live.add(reader.segment().segment_id())
            segments.append(_shifted(_segment_order(reader, sort), offset))
        # Across segments a later segment's documents were indexed later: on equal keys
        # they come first, as within a segment.
        kept[sort] = [-negated for _, negated in heapq.merge(*segments)]
        with _by_segment_lock:
            for merged_away in {k for k in _by_segment if k[0] not in live}:
                del _by_segment[merged_away]
    return kept[sort]


def sorted_page(searcher: Searcher, sort: str, hits: int, start: int, stop: int) -> list[int]:
    """Document numbers `start`..`stop` of the hits (a bit set) in the order `sort`."""
    present = hits.to_bytes(searcher.doc_count_all() // 8 + 1, "little")
    picked: Iterator[int] = (
        docnum for docnum in _order(searcher, sort) if present[docnum >> 3] >> (docnum & 7) & 1
    )
    return list(islice(picked, start, stop))
