"""The floors bench/engines.py measures Dela against: stock Whoosh, stock tantivy and stock
OpenSearch, each used the way its own documentation shows, on the same stored corpus.

Each indexes a material's title, summary and body (its Markdown body, research basis and
attached files' text, so the same words Dela finds) with a Swedish stemmer, the six facets
as columns of their own, and the publication date for "newest first". A search parses the
words typed with the engine's own query parser (every word must match, as in Dela),
filters by the facets chosen (any value of a facet, every facet), counts the six facets
over the matches, and highlights the first hits shown. No database is read when searching.
"""

from collections.abc import Iterator
from pathlib import Path

#: The facets both floors count: Dela's, less the evidence level and variants, which the
#: generated corpus does not have.
FACET_NAMES = ("kind", "core_process", "area", "school_form", "subject", "licence")
#: Facets a material has several values of.
MULTI_VALUED = ("core_process", "school_form", "subject")
#: Hits on a page, each with a snippet: the engines' bench sets Dela's page (--per-page).
PAGE = 20
#: Whoosh re-analyses the stored text of every hit it highlights; like Dela it reads at most
#: this much of it (share/search/documents.py keeps this much for its snippets).
WHOOSH_HIGHLIGHT_CHARS = 4_000
BATCH = 500


def corpus_documents(app) -> Iterator[dict]:
    """The published materials of the app's database as plain documents, read 500 at a
    time: id, title, summary, body, published, and each facet's values."""
    from sqlalchemy import select

    from share.extensions import db
    from share.materials.models import Attachment, Material, MaterialStatus
    from share.storage.models import StoredFile
    from share.vocabularies.registry import by_key

    with app.app_context():
        published = select(Material.id).where(Material.status == MaterialStatus.PUBLISHED)
        ids = list(db.session.execute(published.order_by(Material.id)).scalars())
        db.session.close()
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            documents = {}
            loaded = db.session.execute(select(Material).where(Material.id.in_(chunk)))
            for material in loaded.scalars():
                documents[material.id] = {
                    "id": str(material.id),
                    "title": material.title,
                    "summary": material.summary,
                    "body": [material.body, material.research_basis],
                    "published": material.published_at,
                    "kind": [material.kind.value],
                    "area": [str(material.area_id)] if material.area_id else [],
                    "licence": [material.licence.value],
                    **{name: [] for name in MULTI_VALUED},
                }
            for key in MULTI_VALUED:
                vocabulary = by_key(key)
                table = db.metadata.tables[vocabulary.link_table]
                term_id = table.c[table.c.keys()[1]]
                statement = (
                    select(table.c.material_id, vocabulary.model.slug)
                    .join(vocabulary.model, vocabulary.model.id == term_id)
                    .where(table.c.material_id.in_(chunk))
                )
                for material_id, slug in db.session.execute(statement):
                    documents[material_id][key].append(slug)
            files = (
                select(Attachment.material_id, StoredFile.text)
                .join(StoredFile, StoredFile.id == Attachment.stored_file_id)
                .where(Attachment.material_id.in_(chunk), StoredFile.text.is_not(None))
                .order_by(Attachment.id)
            )
            for material_id, text in db.session.execute(files):
                documents[material_id]["body"].append(text)
            db.session.close()
            for material_id in chunk:
                document = documents[material_id]
                document["body"] = "\n".join(part for part in document["body"] if part)
                yield document


class RawWhoosh:
    """Stock whoosh-reloaded: LanguageAnalyzer("sv") (Snowball's Swedish stemmer and stop
    words) on the text fields, single-valued facets as ID columns, multi-valued ones as
    comma-separated keywords, counted with Whoosh's own FieldFacet grouping."""

    def __init__(self, directory: Path, page: int = PAGE):
        self.page = page
        self.directory = directory
        self.index = self.searcher = None

    def build(self, documents, progress=None) -> int:
        from whoosh import index
        from whoosh.analysis import LanguageAnalyzer
        from whoosh.fields import DATETIME, ID, KEYWORD, TEXT, Schema

        swedish = LanguageAnalyzer("sv")
        facets = {
            name: KEYWORD(commas=True) if name in MULTI_VALUED else ID(sortable=True)
            for name in FACET_NAMES
        }
        schema = Schema(
            id=ID(stored=True, unique=True),
            title=TEXT(analyzer=swedish, stored=True),
            summary=TEXT(analyzer=swedish, stored=True),
            body=TEXT(analyzer=swedish, stored=True),
            published=DATETIME(sortable=True),
            **facets,
        )
        self.directory.mkdir(parents=True, exist_ok=True)
        self.index = index.create_in(str(self.directory), schema)
        writer, written = self.index.writer(limitmb=128), 0
        for document in documents:
            facet_values = {
                name: ",".join(document[name]) for name in FACET_NAMES if document[name]
            }
            writer.add_document(
                id=document["id"],
                title=document["title"],
                summary=document["summary"],
                body=document["body"],
                published=document["published"],
                **facet_values,
            )
            written += 1
            if progress and written % BATCH == 0:
                progress(BATCH)
        writer.commit()
        return written

    def open(self) -> None:
        from whoosh import highlight, sorting
        from whoosh.qparser import MultifieldParser

        self.searcher = self.index.searcher()
        self.parser = MultifieldParser(["title", "summary", "body"], self.index.schema)
        self.facets = {
            name: sorting.FieldFacet(
                name, allow_overlap=name in MULTI_VALUED, maptype=sorting.Count
            )
            for name in FACET_NAMES
        }
        self.fragmenter = highlight.ContextFragmenter(maxchars=200, surround=60)
        self.formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")

    def search(self, query) -> dict:
        from whoosh.query import And, Every, Or, Term

        text = query.text.strip()
        parsed = self.parser.parse(text) if text else Every()
        filters = [Or([Term(name, v) for v in values]) for name, values in query.filters.items()]
        newest = query.sort == "newest"
        page = self.searcher.search_page(
            parsed,
            1,
            pagelen=self.page,
            filter=And(filters) if filters else None,
            groupedby=self.facets,
            sortedby="published" if newest else None,
            reverse=newest,
        )
        page.results.fragmenter, page.results.formatter = self.fragmenter, self.formatter
        counts = {name: page.results.groups(name) for name in FACET_NAMES}
        for hit in page:
            body = hit["body"][:WHOOSH_HIGHLIGHT_CHARS]
            if not hit.highlights("body", text=body):
                hit.highlights("summary")
        return {"total": page.total, "counts": counts}


class RawTantivy:
    """Stock tantivy: its "default" tokenizer for the id, and a registered analyzer (simple
    tokenizer, lowercase, Snowball's Swedish stemmer) for the text fields; the facets as
    fast raw text fields counted with terms aggregations; SnippetGenerator for snippets."""

    ANALYZER = "swedish_stem"

    def __init__(self, directory: Path, page: int = PAGE):
        self.page = page
        self.directory = directory
        self.index = self.searcher = None

    def _register(self, index) -> None:
        import tantivy

        analyzer = (
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.stemmer("swedish"))
            .build()
        )
        index.register_tokenizer(self.ANALYZER, analyzer)

    def build(self, documents, progress=None) -> int:
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True)
        for name in ("title", "summary", "body"):
            builder.add_text_field(name, stored=True, tokenizer_name=self.ANALYZER)
        builder.add_date_field("published", fast=True)
        for name in FACET_NAMES:
            builder.add_text_field(name, fast=True, tokenizer_name="raw")
        self.schema = builder.build()
        self.directory.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=str(self.directory), reuse=False)
        self._register(self.index)
        writer, written = self.index.writer(heap_size=128_000_000), 0
        for document in documents:
            writer.add_document(
                tantivy.Document(
                    id=document["id"],
                    title=document["title"],
                    summary=document["summary"],
                    body=document["body"],
                    published=document["published"],
                    **{name: document[name] for name in FACET_NAMES},
                )
            )
            written += 1
            if progress and written % BATCH == 0:
                progress(BATCH)
        writer.commit()
        writer.wait_merging_threads()
        return written

    def open(self) -> None:
        self.index.reload()
        self.searcher = self.index.searcher()
        self.aggregations = {name: {"terms": {"field": name, "size": 1000}} for name in FACET_NAMES}

    def search(self, query) -> dict:
        import tantivy

        text = query.text.strip()
        if text:
            fields = ["title", "summary", "body"]
            parsed = self.index.parse_query(text, fields, conjunction_by_default=True)
        else:
            parsed = tantivy.Query.all_query()
        if query.filters:
            clauses = [(tantivy.Occur.Must, parsed)] + [
                (tantivy.Occur.Must, tantivy.Query.term_set_query(self.schema, name, values))
                for name, values in query.filters.items()
            ]
            parsed = tantivy.Query.boolean_query(clauses)
        newest = query.sort == "newest"
        found = self.searcher.search(
            parsed,
            self.page,
            order_by_field="published" if newest else None,
            order=tantivy.Order.Desc,
        )
        aggregated = self.searcher.aggregate(parsed, self.aggregations)
        counts = {
            name: {b["key"]: b["doc_count"] for b in aggregated[name]["buckets"]}
            for name in FACET_NAMES
        }
        generators = {
            name: tantivy.SnippetGenerator.create(self.searcher, parsed, self.schema, name)
            for name in ("body", "summary")
        }
        for generator in generators.values():
            generator.set_max_num_chars(200)
        for _, address in found.hits:
            stored = self.searcher.doc(address)
            snippet = generators["body"].snippet_from_doc(stored)
            if not snippet.highlighted():
                snippet = generators["summary"].snippet_from_doc(stored)
            snippet.to_html()
        return {"total": found.count, "counts": counts}


class RawOpenSearch:
    """Stock OpenSearch through its Python client: the built-in `swedish` analyzer (its stop
    words and Snowball stemmer) on the text fields, the facets as keywords counted with
    terms aggregations, a `simple_query_string` (every word must match), and the default
    highlighter on the hits returned. Settings as Dela's index has them: one shard, no
    replica, refreshed once the documents are in."""

    def __init__(self, url: str, index: str, page: int = PAGE):
        self.page = page
        from opensearchpy import OpenSearch

        self.client, self.index = OpenSearch(hosts=[url], timeout=120), index

    def build(self, documents, progress=None) -> int:
        from opensearchpy import helpers

        swedish = {"type": "text", "analyzer": "swedish"}
        mappings = {
            "properties": {
                "id": {"type": "keyword"},
                **{name: swedish for name in ("title", "summary", "body")},
                "published": {"type": "date"},
                **{name: {"type": "keyword"} for name in FACET_NAMES},
            }
        }
        settings = {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "-1"}
        self.client.indices.create(
            index=self.index, body={"settings": settings, "mappings": mappings}
        )
        written, batch = 0, []
        for document in documents:
            batch.append({"_index": self.index, "_id": document["id"], "_source": document})
            if len(batch) == BATCH:
                written += self._send(helpers, batch, progress)
                batch = []
        written += self._send(helpers, batch, progress)
        self.client.indices.refresh(index=self.index)
        return written

    def _send(self, helpers, batch: list[dict], progress) -> int:
        if batch:
            helpers.bulk(self.client, batch, chunk_size=BATCH)
            if progress:
                progress(len(batch))
        return len(batch)

    def open(self) -> None:
        self.aggregations = {name: {"terms": {"field": name, "size": 1000}} for name in FACET_NAMES}
        self.highlight = {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fields": {
                name: {"fragment_size": 200, "number_of_fragments": 1}
                for name in ("body", "summary")
            },
        }

    def search(self, query) -> dict:
        text = query.text.strip()
        matching = (
            {
                "simple_query_string": {
                    "query": text,
                    "fields": ["title", "summary", "body"],
                    "default_operator": "and",
                }
            }
            if text
            else {"match_all": {}}
        )
        filters = [{"terms": {name: values}} for name, values in query.filters.items()]
        body = {
            "query": {"bool": {"must": [matching], "filter": filters}},
            "size": self.page,
            "track_total_hits": True,
            "_source": False,
            "aggs": self.aggregations,
            "highlight": self.highlight,
        }
        if query.sort == "newest":
            body["sort"] = [{"published": "desc"}]
        found = self.client.search(index=self.index, body=body)
        counts = {
            name: {b["key"]: b["doc_count"] for b in found["aggregations"][name]["buckets"]}
            for name in FACET_NAMES
        }
        return {"total": found["hits"]["total"]["value"], "counts": counts}
