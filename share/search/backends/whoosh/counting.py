"""Facet counts from bit sets.

Each facet value's documents are one integer used as a bit set; a search turns its hits
into one more, and a count is the number of bits the two share. Whoosh's own grouping asks
a column for each hit's value, hit by hit, in Python: for a word found in most materials
that cost more than the search itself.

The value sets are made from the postings of each index segment once and kept while the
segment exists: a segment's documents never change, only more of them get deleted. A set
may so still hold a document deleted since, which is harmless: it is only ever intersected
with the hits, and a deleted document is never a hit.
"""

import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass

from whoosh.collectors import TopCollector
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

#: Facet name → value → documents, by segment id, with segment-relative numbers.
_by_segment: dict[str, dict[str, dict[str, int]]] = {}
_by_segment_lock = threading.Lock()
#: The same for a whole searcher, with its document numbers. Dropped with the searcher.
_by_searcher: "weakref.WeakKeyDictionary[Searcher, dict]" = weakref.WeakKeyDictionary()


def bit_set(docnums: Iterable[int], size: int) -> int:
    """The document numbers as the bits of an integer."""
    bits = bytearray(size // 8 + 1)
    for docnum in docnums:
        bits[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(bits, "little")


def _segment_documents(reader: IndexReader, names: Iterable[str]) -> dict[str, dict[str, int]]:
    segment_id = reader.segment().segment_id()
    found = _by_segment.get(segment_id)
    if found is None:
        size = reader.doc_count_all()
        found = {
            name: {
                value: bit_set(reader.postings(name, value).all_ids(), size)
                for value in reader.field_terms(name)
                if value
            }
            for name in names
        }
        with _by_segment_lock:
            _by_segment[segment_id] = found
    return found


def _documents_by_value(searcher: Searcher, names: Iterable[str]) -> dict[str, dict[str, int]]:
    found = _by_searcher.get(searcher)
    if found is None:
        found = {name: {} for name in names}
        segments = set()
        for reader, offset in searcher.reader().leaf_readers():
            if reader.segment() is None:
                continue  # an empty index
            segments.add(reader.segment().segment_id())
            for name, values in _segment_documents(reader, names).items():
                for value, documents in values.items():
                    found[name][value] = found[name].get(value, 0) | (documents << offset)
        with _by_segment_lock:
            for merged_away in _by_segment.keys() - segments:
                del _by_segment[merged_away]
        _by_searcher[searcher] = found
    return found


@dataclass
class FacetCounts:
    #: Hits with every filter applied.
    total: int
    #: Those hits, as a bit set of document numbers.
    matching: int
    #: Facet → value → how many hits choosing that value would give: counted over the hits
    #: with the *other* facets' filters, so each facet's values can be combined.
    counts: dict[str, dict[str, int]]


def chosen(searcher: Searcher, filters: dict[str, list[str]], names: Iterable[str]) -> dict:
    """Facet → the documents with any of the values chosen for it."""
    by_value = _documents_by_value(searcher, names)
    found = {}
    for name, values in filters.items():
        documents = by_value.get(name, {})
        found[name] = 0
        for value in values:
            found[name] |= documents.get(value, 0)
    return found


def allowed(filtered: dict[str, int]) -> int | None:
    """The documents every facet's choice (from `chosen`) allows, or None when nothing is
    filtered."""
    result = None
    for documents in filtered.values():
        result = documents if result is None else result & documents
    return result


def count(
    searcher: Searcher, hits: Iterable[int], filters: dict[str, list[str]], names: Iterable[str]
) -> FacetCounts:
    """Count the facets `names` over `hits` (document numbers), given the chosen `filters`:
    within a facet the chosen values are alternatives, across facets all must hold."""
    found = bit_set(hits, searcher.doc_count_all())
    return count_bits(searcher, found, chosen(searcher, filters, names), names)


def count_bits(
    searcher: Searcher, found: int, filtered: dict[str, int], names: Iterable[str]
) -> FacetCounts:
    """The same over hits given as a bit set, with the filters' documents from `chosen`."""
    by_value = _documents_by_value(searcher, names)

    def narrowed(skip: str | None = None) -> int:
        result = found
        for name, documents in filtered.items():
            if name != skip:
                result &= documents
        return result

    counts = {}
    for name in names:
        within = narrowed(skip=name)
        counts[name] = {}
        for value, documents in by_value[name].items():
            if number := (within & documents).bit_count():
                counts[name][value] = number
    matching = narrowed()
    return FacetCounts(total=matching.bit_count(), matching=matching, counts=counts)


class CountingTopCollector(TopCollector):
    """The top `limit` hits by score among those `allowed` (a bit set, or None for all),
    and every hit, allowed or not, in `hits` (a bit set as bytes, for the facet counts):
    one pass where counting and ranking were two.

    It steps through every match, as counting must: no skipping of low-scoring blocks
    and no replacing of the matcher by one that leaves out what cannot reach the top."""

    def __init__(self, limit: int, size: int, allowed: int | None):
        super().__init__(limit=limit, usequality=False, replace=0)
        self.hits = bytearray(size // 8 + 1)
        self._allowed = None if allowed is None else allowed.to_bytes(size // 8 + 1, "little")

    def collect(self, sub_docnum):
        docnum = self.offset + sub_docnum
        self.hits[docnum >> 3] |= 1 << (docnum & 7)
        if self._allowed is None or self._allowed[docnum >> 3] >> (docnum & 7) & 1:
            return super().collect(sub_docnum)
        return 0

    def found(self) -> int:
        return int.from_bytes(self.hits, "little")
