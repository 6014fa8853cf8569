"""Searching a tantivy index: the query translated into tantivy's, facet counts as terms
aggregations, pages in relevance or a sort key's order."""

import threading
from concurrent.futures import Future

import tantivy

from share.search import nodes
from share.search.backends.base import Found, Searcher
from share.search.backends.near import near
from share.search.backends.tantivy.schema import NUMBER, SORT_KEYS, schema, stored_fields
from share.search.facets import FACET_NAMES
from share.search.fields import BY_NAME

#: How far past a page of hits ranked by relevance ties are looked for.
TIE_MARGIN = 20
#: More values than any facet has: a terms aggregation returns this many at most.
MAX_FACET_VALUES = 10_000
Query, Occur = tantivy.Query, tantivy.Occur


def translated(node) -> tantivy.Query:
    if isinstance(node, nodes.Term):
        term = Query.term_query(schema(), node.field, node.text)
        boost = node.boost * BY_NAME[node.field].boost
        return term if boost == 1 else Query.boost_query(term, boost)
    if isinstance(node, nodes.AnyOf | nodes.AllOf):
        occur = Occur.Should if isinstance(node, nodes.AnyOf) else Occur.Must
        joined = Query.boolean_query([(occur, translated(part)) for part in node.parts])
        return joined if node.boost == 1 else Query.boost_query(joined, node.boost)
    if isinstance(node, nodes.BestOf):
        return Query.disjunction_max_query([translated(part) for part in node.parts])
    if isinstance(node, nodes.AndMaybe):
        return Query.boolean_query(
            [(Occur.Must, translated(node.required)), (Occur.Should, translated(node.optional))]
        )
    if isinstance(node, nodes.Everything):
        return Query.all_query()
    raise TypeError(f"not a query node: {node!r}")


def _filtered(query: tantivy.Query, filters: dict[str, list[str]], skip: str | None = None):
    """`query` where every facet's filter but `skip`'s holds (any of a facet's values)."""
    clauses = [
        (Occur.Must, Query.term_set_query(schema(), name, values))
        for name, values in filters.items()
        if name != skip and values
    ]
    if not clauses:
        return query
    # Filters only narrow: they add nothing to a hit's score.
    return Query.boolean_query(
        [(Occur.Must, query), *((o, Query.const_score_query(q, 0.0)) for o, q in clauses)]
    )


def _beside(work, *args) -> Future:
    """`work(*args)`, run on a thread of its own. tantivy lets go of the interpreter while
    it aggregates, so facets are counted on another core while the hits are found and
    their materials read. (A server busy on every core gains nothing from it, and loses
    only the thread's start.)"""
    future: Future = Future()

    def run() -> None:
        try:
            future.set_result(work(*args))
        except BaseException as error:  # raised where the counts are read
            future.set_exception(error)

    threading.Thread(target=run, name="facet counts", daemon=True).start()
    return future


class Opened(Searcher):
    def __init__(self, searcher: tantivy.Searcher) -> None:
        self.searcher = searcher

    def doc_frequency(self, field: str, text: str) -> int:
        return self.searcher.doc_freq(field, text)

    def words_beginning(self, field: str, prefix: str, limit: int | None = None) -> dict[str, int]:
        return dict(self.searcher.terms_with_prefix(field, prefix, limit=limit))

    def words_near(self, field: str, word: str, distance: int, prefix: int) -> dict[str, int]:
        return near(word, dict(self.searcher.terms_with_prefix(field, word[:prefix])), distance)

    def find(self, query, filters, sort, start, stop) -> Found:
        translated_query = translated(query)
        counts = _beside(self._counts, translated_query, filters)
        narrowed = _filtered(translated_query, filters)
        if sort == "relevance":
            result = self.searcher.search(narrowed, limit=stop + TIE_MARGIN)
            best = result.hits
            numbers = self.searcher.fast_field_values(NUMBER, [a for _, a in best])
            # Equal scores would otherwise come in the order documents entered the index.
            ranked = sorted(
                zip(best, numbers, strict=True),
                key=lambda item: (-round(item[0][0], 5), -item[1]),
            )
            addresses = [address for (_, address), _ in ranked[start:stop]]
        else:
            result = self.searcher.search(
                narrowed,
                limit=max(stop - start, 1),
                offset=start,
                order_by_field=SORT_KEYS[sort],
                order=tantivy.Order.Desc,
            )
            addresses = [address for _, address in result.hits]
        stored = [stored_fields(self.searcher.doc(address)) for address in addresses]
        return Found(result.count, counts, stored)

    def _counts(self, query: tantivy.Query, filters) -> dict[str, dict[str, int]]:
        """Each facet's values counted over the hits with the other facets' filters: the
        facets without a filter of their own in one aggregation."""
        counts = {}
        unfiltered = [name for name in FACET_NAMES if not filters.get(name)]
        groups = [(None, unfiltered)] + [
            (name, [name]) for name in FACET_NAMES if filters.get(name)
        ]
        for skip, names in groups:
            if not names:
                continue
            aggregations = {
                name: {"terms": {"field": name, "size": MAX_FACET_VALUES}} for name in names
            }
            found = self.searcher.aggregate(_filtered(query, filters, skip), aggregations)
            for name in names:
                counts[name] = {
                    bucket["key"]: bucket["doc_count"] for bucket in found[name]["buckets"]
                }
        return counts

    def total(self, query, filters) -> int:
        narrowed = _filtered(translated(query), filters)
        return self.searcher.search(narrowed, limit=1).count

    def titles(self, prefixes: list[str], limit: int) -> list[int]:
        clauses = []
        for prefix in prefixes:
            words = [word for word, _ in self.searcher.terms_with_prefix("title", prefix)]
            if not words:
                return []
            clauses.append((Occur.Must, Query.term_set_query(schema(), "title", words)))
        query = Query.const_score_query(Query.boolean_query(clauses), 1.0)
        hits = self.searcher.search(query, limit=limit).hits
        return [int(stored_fields(self.searcher.doc(address))["id"]) for _, address in hits]

    def digests(self) -> dict[int, str]:
        everything = self.searcher.search(Query.all_query(), limit=max(self.searcher.num_docs, 1))
        found = {}
        for _, address in everything.hits:
            fields = stored_fields(self.searcher.doc(address))
            found[int(fields["id"])] = fields["digest"]
        return found
