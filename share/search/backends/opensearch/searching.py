"""Searching an OpenSearch index: the query translated into the Query DSL, facet counts
as aggregations in the same request, pages in relevance or a sort's order."""

import re

from opensearchpy import helpers

from share.search import nodes
from share.search.backends.base import Found, Searcher
from share.search.backends.near import near
from share.search.backends.opensearch.schema import NUMBER, STORED, WORDS
from share.search.facets import FACET_NAMES
from share.search.fields import BY_NAME, SORT_FIELDS

#: More values than any facet has, and more words than share a prefix worth asking for.
MAX_TERMS = 10_000
#: Characters Lucene's regular expressions give a meaning to.
REGEXP_SPECIAL = re.compile(r'([.?+*|{}\[\]()"\\#@&<>~^$])')


def translated(node) -> dict:
    if isinstance(node, nodes.Term):
        boost = node.boost * BY_NAME[node.field].boost
        return {"term": {node.field: {"value": node.text, "boost": boost}}}
    if isinstance(node, nodes.AnyOf):
        parts = [translated(part) for part in node.parts]
        return {"bool": {"should": parts, "minimum_should_match": 1, "boost": node.boost}}
    if isinstance(node, nodes.AllOf):
        return {"bool": {"must": [translated(part) for part in node.parts], "boost": node.boost}}
    if isinstance(node, nodes.BestOf):
        parts = [translated(part) for part in node.parts]
        return {"dis_max": {"queries": parts, "tie_breaker": 0}}
    if isinstance(node, nodes.AndMaybe):
        return {
            "bool": {"must": [translated(node.required)], "should": [translated(node.optional)]}
        }
    if isinstance(node, nodes.Everything):
        return {"match_all": {}}
    raise TypeError(f"not a query node: {node!r}")


def _filters(filters: dict[str, list[str]], skip: str | None = None) -> list[dict]:
    """A filter clause per facet but `skip` (any of its values); filters add no score."""
    return [
        {"terms": {name: values}} for name, values in filters.items() if name != skip and values
    ]


def _narrowed(query: dict, filters: dict[str, list[str]]) -> dict:
    clauses = _filters(filters)
    return {"bool": {"must": [query], "filter": clauses}} if clauses else query


def _sort(sort: str) -> list:
    """Relevance, else the sort's fields, largest first; equal ones newest id first, as
    the other backends order them."""
    if sort == "relevance":
        return ["_score", {NUMBER: "desc"}]
    return [{name: "desc"} for name in SORT_FIELDS[sort]] + [{NUMBER: "desc"}]


def prefix_pattern(prefix: str) -> str:
    """A Lucene regular expression for the words that begin with `prefix`."""
    return REGEXP_SPECIAL.sub(r"\\\1", prefix) + ".*"


class Opened(Searcher):
    """Searches on the index `index` through `client`. The lexicon's answers are kept for
    the searcher's life: a query asks the same term again and again."""

    def __init__(self, client, index: str) -> None:
        self.client, self.index = client, index
        self._frequencies: dict[tuple[str, str], int] = {}

    def doc_frequency(self, field: str, text: str) -> int:
        key = (field, text)
        if key not in self._frequencies:
            body = {"query": {"term": {field: text}}}
            self._frequencies[key] = self.client.count(index=self.index, body=body)["count"]
        return self._frequencies[key]

    def words_beginning(self, field: str, prefix: str) -> dict[str, int]:
        terms = {"field": f"{field}.{WORDS}", "size": MAX_TERMS}
        if prefix:
            terms["include"] = prefix_pattern(prefix)
        body = {"size": 0, "aggs": {"words": {"terms": terms}}}
        found = self.client.search(index=self.index, body=body)
        return {b["key"]: b["doc_count"] for b in found["aggregations"]["words"]["buckets"]}

    def words_near(self, field: str, word: str, distance: int, prefix: int) -> dict[str, int]:
        return near(word, self.words_beginning(field, word[:prefix]), distance)

    def find(self, query, filters, sort, start, stop) -> Found:
        body = {
            "query": translated(query),
            # The hits are narrowed after the counts, which each leave out their own facet.
            "post_filter": {"bool": {"filter": _filters(filters)}},
            "aggs": {
                name: {
                    "filter": {"bool": {"filter": _filters(filters, skip=name)}},
                    "aggs": {"values": {"terms": {"field": name, "size": MAX_TERMS}}},
                }
                for name in FACET_NAMES
            },
            "sort": _sort(sort),
            "from": start,
            "size": max(stop - start, 0),
            "track_total_hits": True,
        }
        found = self.client.search(index=self.index, body=body)
        counts = {
            name: {
                bucket["key"]: bucket["doc_count"]
                for bucket in found["aggregations"][name]["values"]["buckets"]
            }
            for name in FACET_NAMES
        }
        stored = [hit["_source"][STORED] for hit in found["hits"]["hits"]]
        return Found(found["hits"]["total"]["value"], counts, stored)

    def total(self, query, filters) -> int:
        body = {"query": _narrowed(translated(query), filters)}
        return self.client.count(index=self.index, body=body)["count"]

    def titles(self, prefixes: list[str], limit: int) -> list[int]:
        clauses = [{"prefix": {"title": prefix}} for prefix in prefixes]
        body = {
            "query": {"constant_score": {"filter": {"bool": {"filter": clauses}}}},
            "size": limit,
            "sort": [{NUMBER: "asc"}],
            "_source": False,
            "docvalue_fields": [NUMBER],
        }
        found = self.client.search(index=self.index, body=body)
        return [int(hit["fields"][NUMBER][0]) for hit in found["hits"]["hits"]]

    def digests(self) -> dict[int, str]:
        body = {"query": {"match_all": {}}}
        return {
            int(hit["_source"][STORED]["id"]): hit["_source"][STORED]["digest"]
            for hit in helpers.scan(self.client, query=body, index=self.index)
        }


class Nothing(Searcher):
    """What a missing index is searched as: nothing, without asking a server."""

    def doc_frequency(self, field: str, text: str) -> int:
        return 0

    def words_beginning(self, field: str, prefix: str) -> dict[str, int]:
        return {}

    def words_near(self, field: str, word: str, distance: int, prefix: int) -> dict[str, int]:
        return {}

    def find(self, query, filters, sort, start, stop) -> Found:
        return Found(0, {name: {} for name in FACET_NAMES}, [])

    def total(self, query, filters) -> int:
        return 0

    def titles(self, prefixes: list[str], limit: int) -> list[int]:
        return []

    def digests(self) -> dict[int, str]:
        return {}
