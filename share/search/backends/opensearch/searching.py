"""Searching an OpenSearch index: the query translated into the Query DSL, facet counts
as aggregations in the same request, pages in relevance or a sort's order."""

import re

from opensearchpy import TransportError, helpers

from share.search import nodes
from share.search.backends.base import Found, Searcher
from share.search.backends.near import near
from share.search.backends.opensearch.schema import NUMBER, STORED, WORDS
from share.search.facets import FACET_NAMES
from share.search.fields import BY_NAME, SORT_FIELDS

#: How long a request may take that makes the server work on purpose: a bulk, a refresh,
#: making or deleting an index, waiting for a shard, reading every document (a check).
SLOW_SECONDS = 120
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


#: A question of the lexicon: ("frequency", field, term) or ("beginning", field, prefix,
#: how many of the most frequent).
Question = tuple[str, str, str] | tuple[str, str, str, int]
#: What a rehearsal answers a question not asked yet: as if the index had nothing.
UNKNOWN = {"frequency": 0, "beginning": {}}
#: Rehearsals before the lexicon's questions are left to be asked one by one: each round
#: answers the questions the previous answers led to (a compound found, then its forms).
MAX_ROUNDS = 4


class Opened(Searcher):
    """Searches on the index `index` through `client`. The lexicon's answers are kept for
    the searcher's life: a query asks the same term again and again. Every question is a
    request to the server, so `prepare` asks a whole query's questions in one."""

    def __init__(self, client, index: str) -> None:
        self.client, self.index = client, index
        self._answers: dict[Question, int | dict[str, int]] = {}
        #: While rehearsing: the questions met that have no answer yet.
        self._unanswered: set[Question] | None = None

    def doc_frequency(self, field: str, text: str) -> int:
        return self._answer(("frequency", field, text))

    def words_beginning(self, field: str, prefix: str, limit: int | None = None) -> dict[str, int]:
        return dict(self._answer(("beginning", field, prefix, min(limit or MAX_TERMS, MAX_TERMS))))

    def words_near(self, field: str, word: str, distance: int, prefix: int) -> dict[str, int]:
        return near(word, self.words_beginning(field, word[:prefix]), distance)

    def prepare(self, rehearse) -> None:
        """Run `rehearse` (which asks this lexicon questions) noting what it asks, and ask
        all of that in one request; again while the answers lead it to new questions."""
        for _ in range(MAX_ROUNDS):
            self._unanswered = set()
            try:
                rehearse()
                wanted = self._unanswered
            finally:
                self._unanswered = None
            if not wanted:
                return
            self._ask(sorted(wanted))

    def _answer(self, question: Question):
        if question not in self._answers:
            if self._unanswered is not None:
                self._unanswered.add(question)
                return UNKNOWN[question[0]]
            self._ask([question])
        return self._answers[question]

    def _ask(self, questions: list[Question]) -> None:
        """One `_msearch`: the document frequencies together (a filter each, counted in one
        aggregation), and a terms aggregation per beginning asked for."""
        frequencies = [q for q in questions if q[0] == "frequency"]
        beginnings = [q for q in questions if q[0] == "beginning"]
        bodies = []
        if frequencies:
            filters = {str(n): {"term": {f: t}} for n, (_, f, t) in enumerate(frequencies)}
            bodies.append({"size": 0, "aggs": {"words": {"filters": {"filters": filters}}}})
        for _, field, prefix, size in beginnings:
            # Most frequent first, then in the terms' order: as the other backends give them.
            terms = {"field": f"{field}.{WORDS}", "size": size}
            if prefix:
                terms["include"] = prefix_pattern(prefix)
            bodies.append({"size": 0, "aggs": {"words": {"terms": terms}}})
        lines = [line for body in bodies for line in ({}, body)]
        responses = self.client.msearch(index=self.index, body=lines)["responses"]
        for response in responses:
            if "error" in response:
                raise TransportError(response.get("status", 500), "msearch", response["error"])
        if frequencies:
            buckets = responses[0]["aggregations"]["words"]["buckets"]
            for number, question in enumerate(frequencies):
                self._answers[question] = buckets[str(number)]["doc_count"]
        for question, response in zip(beginnings, responses[bool(frequencies) :], strict=True):
            buckets = response["aggregations"]["words"]["buckets"]
            self._answers[question] = {b["key"]: b["doc_count"] for b in buckets}

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
            for hit in helpers.scan(
                self.client, query=body, index=self.index, request_timeout=SLOW_SECONDS
            )
        }


class Nothing(Searcher):
    """What a missing index is searched as: nothing, without asking a server."""

    def doc_frequency(self, field: str, text: str) -> int:
        return 0

    def words_beginning(self, field: str, prefix: str, limit: int | None = None) -> dict[str, int]:
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
