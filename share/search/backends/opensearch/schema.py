"""The OpenSearch index of share/search/fields.py's fields, and a document in its terms.

As with tantivy, OpenSearch is given the tokens of Dela's own analysis
(share/search/analysis.py), separated by spaces, and splits them on white space, so the
terms are the same as in the other backends and no analyzer has to be kept in step on the
server. The words of the lexicon fields are also kept as keywords, so that a terms
aggregation lists them with their document counts ("Menade du", compounds).
"""

from share.paging import MAX_PAGE
from share.search.fields import FIELDS, STORED_FIELDS, TOKENS_OF, Kind, microseconds, tokens_of

#: The material's id as a number, for ordering ties.
NUMBER = "number"
#: The stored fields, as they came (the indexed title is tokens), in one unindexed object.
STORED = "stored"
#: Fields whose words a query asks for by their beginning; each has its words as keywords
#: in this sub-field too.
LEXICON_FIELDS = ("spelling", "backwards", "respelled")
WORDS = "words"
#: Longer tokens are split by the whitespace analyzer and left out of the keywords; no
#: Swedish word is that long, and Lucene refuses a term past 32 kB.
MAX_TOKEN_LENGTH = 255
#: Deep pages are asked for by number (share/search/services.py): from + size may reach
#: this far, past OpenSearch's default of 10,000.
MAX_RESULT_WINDOW = MAX_PAGE * 50 + 100


#: How big the translog grows before its operations are committed to segments and it is
#: cleared (OpenSearch's default: 512 MB).
TRANSLOG_FLUSH_SIZE = "64mb"


def settings() -> dict:
    return {
        # One shard: every document's term statistics are counted together, so a
        # ranking does not depend on which shard a material landed in.
        "number_of_shards": 1,
        "auto_expand_replicas": "0-1",
        # Changes are seen when a writer commits (a refresh), never half-way.
        "refresh_interval": "-1",
        "max_result_window": MAX_RESULT_WINDOW,
        # A rebuild's bulks would otherwise stay in the translog until it reached 512 MB,
        # beside the segments that hold them: at 10,000 materials the node's data grew to
        # twice the index; flushed at this size, to 1.35 times.
        "translog": {"flush_threshold_size": TRANSLOG_FLUSH_SIZE},
    }


def mappings() -> dict:
    text = {
        "type": "text",
        "analyzer": "whitespace",
        # Frequencies but no positions: nothing searches for phrases.
        "index_options": "freqs",
        "norms": True,
        "similarity": "BM25",
    }
    properties: dict[str, dict] = {}
    for field in FIELDS:
        if field.kind == Kind.ID:
            properties[field.name] = {"type": "keyword"}
        elif field.name in LEXICON_FIELDS:
            words = {"type": "keyword", "ignore_above": MAX_TOKEN_LENGTH}
            properties[field.name] = {**text, "fields": {WORDS: words}}
        elif field.kind in TOKENS_OF or field.kind == Kind.TOKENS:
            properties[field.name] = text
        elif field.kind == Kind.PHRASES:
            properties[field.name] = {"type": "keyword"}
        elif field.kind in (Kind.MOMENT, Kind.NUMBER):
            properties[field.name] = {"type": "long"}
    properties[NUMBER] = {"type": "long"}
    properties[STORED] = {"type": "object", "enabled": False}
    return {
        "dynamic": "strict",
        # Only what the results page reads is kept whole; the tokens are in the index.
        "_source": {"includes": [STORED]},
        "properties": properties,
    }


def source(document: dict) -> dict:
    """The JSON OpenSearch indexes for one of share/search/documents.py's documents (plain
    values, so that it can be made in another process)."""
    made: dict = {}
    for field in FIELDS:
        value = document.get(field.name) or ""
        if field.kind == Kind.ID:
            made[field.name] = str(value)
        elif field.kind in TOKENS_OF:
            made[field.name] = tokens_of(field.kind, value)
        elif field.kind == Kind.TOKENS:
            made[field.name] = value
        elif field.kind == Kind.PHRASES:
            made[field.name] = [part for part in value.split(",") if part]
    for name in LEXICON_FIELDS:
        # One value per word: the keyword sub-field then holds each word.
        made[name] = made[name].split()
    made["published"] = microseconds(document.get("published"))
    made["tried_by"] = int(document.get("tried_by") or 0)
    made[NUMBER] = int(document["id"])
    made[STORED] = {name: document.get(name) for name in STORED_FIELDS}
    return made
