"""Searching a Whoosh index: one pass over the matches for the top hits and the facet
counts (counting.py), sorted pages from kept orders (ordering.py)."""

from whoosh import query as whoosh
from whoosh.searching import Searcher as WhooshSearcher

from share.search.backends.base import Found, Searcher
from share.search.backends.whoosh import counting
from share.search.backends.whoosh.ordering import sorted_page
from share.search.backends.whoosh.translate import translated
from share.search.facets import FACET_NAMES

#: How far past a page of hits ranked by relevance ties are looked for.
TIE_MARGIN = 20


class Opened(Searcher):
    def __init__(self, searcher: WhooshSearcher) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()

    def doc_frequency(self, field: str, text: str) -> int:
        return self.reader.doc_frequency(field, text)

    def words_beginning(self, field: str, prefix: str, limit: int | None = None) -> dict[str, int]:
        # Segment by segment, where a word and its count come in one step.
        frequency: dict[str, int] = {}
        for segment_reader, _ in self.reader.leaf_readers():
            for text, info in segment_reader.iter_prefix(field, prefix):
                found = text.decode()
                frequency[found] = frequency.get(found, 0) + info.doc_frequency()
        if limit is None or len(frequency) <= limit:
            return frequency
        return dict(sorted(frequency.items(), key=lambda item: (-item[1], item[0]))[:limit])

    def words_near(self, field: str, word: str, distance: int, prefix: int) -> dict[str, int]:
        near = self.reader.terms_within(field, word, distance, prefix=prefix)
        return {other: self.reader.doc_frequency(field, other) for other in near}

    def find(self, query, filters, sort, start, stop) -> Found:
        if sort == "relevance":
            found, ranked = self._ranked(translated(query), filters, stop)
            return Found(found.total, found.counts, ranked[start:stop])
        # Counted first: the page is then picked from the hits in the sort's order.
        hits = self.searcher.docs_for_query(translated(query))
        found = counting.count(self.searcher, hits, filters, FACET_NAMES)
        docnums = sorted_page(self.searcher, sort, found.matching, start, stop)
        return Found(found.total, found.counts, [self.searcher.stored_fields(d) for d in docnums])

    def _ranked(self, query, filters, stop: int) -> tuple[counting.FacetCounts, list[dict]]:
        """The facet counts, and the stored fields of the best hits by relevance down to
        `stop`, in one pass over the matches."""
        filtered = counting.chosen(self.searcher, filters, FACET_NAMES)
        collector = counting.CountingTopCollector(
            # Ties in relevance are put in a fixed order below: look a little past the
            # page so that a tie across its end is settled the same way.
            limit=stop + TIE_MARGIN,
            size=self.searcher.doc_count_all(),
            allowed=counting.allowed(filtered),
        )
        self.searcher.search_with_collector(query, collector)
        found = counting.count_bits(self.searcher, collector.found(), filtered, FACET_NAMES)
        best = list(collector.results().items())  # (docnum, score), best first
        # Equal scores would otherwise come in the order documents entered the index.
        stored = {docnum: self.searcher.stored_fields(docnum) for docnum, _ in best}
        best.sort(key=lambda item: (-round(item[1], 9), -int(stored[item[0]]["id"])))
        return found, [stored[docnum] for docnum, _ in best]

    def total(self, query, filters) -> int:
        hits = self.searcher.docs_for_query(translated(query))
        return counting.count(self.searcher, hits, filters, FACET_NAMES).total

    def titles(self, prefixes: list[str], limit: int) -> list[int]:
        query = whoosh.And([whoosh.Prefix("title", prefix) for prefix in prefixes])
        return [int(hit["id"]) for hit in self.searcher.search(query, limit=limit)]

    def digests(self) -> dict[int, str]:
        return {
            int(fields["id"]): fields.get("digest") for fields in self.searcher.all_stored_fields()
        }
