"""Searching: a query built from the words typed (never parsed as syntax), facets, snippets.

Nothing typed in the box is a field query or an operator: `status:draft` is two words.
"""

from dataclasses import dataclass, field

import nh3
from markupsafe import Markup
from sqlalchemy import select
from whoosh import highlight, sorting
from whoosh.query import And, Every, Or, Prefix, Term

from share.extensions import db
from share.materials.models import Material, MaterialStatus
from share.search.analysis import MIN_ENDING, stemming_analyzer, stems, words
from share.search.index import (
    MULTI_VALUED_FACETS,
    STORED_TEXT_CHARS,
    drain,
    open_index,
    pending_count,
)
from share.search.synonyms import synonym_sets

MAX_WORDS = 20
MAX_PAGE = 1000
PER_PAGE = 10
MAX_PER_PAGE = 50
FACETS = ("kind", "core_process", "area", "school_form", "subject", "licence")
SORTS = ("relevance", "newest", "tried")
TEXT_FIELDS = {
    "title": 1.0,
    "summary": 1.0,
    "tags": 1.0,
    "text": 0.8,
}


@dataclass
class SearchRequest:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE


@dataclass
class Hit:
    material: Material
    #: Highlighted text (only <mark> survives), or None.
    snippet: Markup | None
    #: The display name of the attached file the snippet comes from, if it does.
    snippet_file: str | None = None


@dataclass
class SearchResult:
    total: int
    page: int
    pages: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    suggestion: str | None
    rebuilding: bool


def clean_request(text: str, filters: dict, sort: str, page, per_page) -> SearchRequest:
    """Bound everything that came from a URL: nothing odd reaches the index."""

    def number(value, default, low, high):
        try:
            return min(max(int(value), low), high)
        except (TypeError, ValueError):
            return default

    return SearchRequest(
        text=(text or "").replace("\x00", " ")[:500],
        filters={
            name: [value[:100] for value in values[:10]]
            for name, values in filters.items()
            if name in FACETS and values
        },
        sort=sort if sort in SORTS else "relevance",
        page=number(page, 1, 1, MAX_PAGE),
        per_page=number(per_page, PER_PAGE, 1, MAX_PER_PAGE),
    )


def _word_query(word: str):
    alternatives = []
    for form in stems(word):
        alternatives += [Term(name, form, boost=boost) for name, boost in TEXT_FIELDS.items()]
    if len(word) >= MIN_ENDING:
        # Compounds, ranked below whole and stemmed words: the word as an ending
        # ("förståelse" in "läsförståelse") or as a beginning ("bråk" in "bråkräkning").
        alternatives += [Term("parts", word, boost=0.3), Prefix("spelling", word, boost=0.2)]
    return Or(alternatives)


def _synonym_groups(text: str) -> list[list[str]]:
    """The query's words, with each synonym phrase found in it turned into one alternative."""
    lowered = " ".join(words(text))
    groups: list[list[str]] = []
    for synonyms in synonym_sets():
        found = next((s for s in synonyms if f" {s} " in f" {lowered} "), None)
        if found:
            lowered = f" {lowered} ".replace(f" {found} ", " ").strip()
            groups.append(sorted(synonyms))
    return [[word] for word in lowered.split()][:MAX_WORDS] + groups


def build_query(text: str):
    groups = _synonym_groups(text)
    if not groups:
        return Every()
    clauses = []
    for alternatives in groups:
        options = [And([_word_query(w) for w in phrase.split()]) for phrase in alternatives]
        clauses.append(options[0] if len(options) == 1 else Or(options))
    return And(clauses)


def _filter(filters: dict[str, list[str]], skip: str | None = None):
    terms = [
        Or([Term(name, value) for value in values])
        for name, values in filters.items()
        if name != skip
    ]
    return And(terms) if terms else None


def _facet_specs(names) -> dict[str, sorting.FieldFacet]:
    """Facets that count from the columns Whoosh caches per segment, not by reading stored
    fields hit by hit; a multi-valued facet counts its joined values ("a,b")."""
    return {
        name: sorting.FieldFacet(
            f"{name}_set" if name in MULTI_VALUED_FACETS else name, maptype=sorting.Count
        )
        for name in names
    }


def _counts(results, names) -> dict[str, dict[str, int]]:
    counts = {}
    for name in names:
        counts[name] = {}
        for joined, count in results.groups(name).items():
            for value in (joined or "").split(","):
                if value:
                    counts[name][value] = counts[name].get(value, 0) + count
    return counts


def _filtered_facet_counts(searcher, query, filters) -> dict[str, dict[str, int]]:
    """Counts for the facets that have a filter on: over the hits with the *other* facets'
    filters, so a count says how many results choosing that value would give. (The other
    facets are counted by the main search itself.)"""
    counts = {}
    for name in filters:
        results = searcher.search(
            query, filter=_filter(filters, skip=name), groupedby=_facet_specs([name]), limit=1
        )
        counts.update(_counts(results, [name]))
    return counts


def _suggestion(searcher, text: str) -> str | None:
    corrected, changed = [], False
    corrector = searcher.corrector("spelling")
    for word in words(text)[:MAX_WORDS]:
        suggestions = corrector.suggest(word, limit=1) if len(word) > 2 else []
        if suggestions and suggestions[0] != word:
            corrected.append(suggestions[0])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None


FRAGMENTER = highlight.ContextFragmenter(maxchars=200, surround=60)
FORMATTER = highlight.HtmlFormatter(tagname="mark", between=" … ")


def _highlight(text: str, terms: set[str]) -> str:
    """`text` (at most STORED_TEXT_CHARS of it) with the matched index terms marked."""
    if not text or not terms:
        return ""
    return highlight.highlight(
        text[:STORED_TEXT_CHARS], terms, stemming_analyzer(), FRAGMENTER, FORMATTER
    )


def _file_snippet(material: Material, terms: set[str]) -> tuple[str | None, Markup | None]:
    """The first attached file whose text holds the matched words, and a snippet from it."""
    for attachment in material.attachments:
        fragment = _highlight(attachment.stored_file.text or "", terms)
        if fragment:
            return attachment.display_name, _marked(fragment)
    return None, None


def _marked(snippet: str) -> Markup | None:
    """Whoosh escapes the text it highlights; nh3 makes sure nothing but <mark> is left."""
    if not snippet:
        return None
    return Markup(nh3.clean(snippet, tags={"mark"}, attributes={}))  # noqa: S704 (cleaned)


def suggest_titles(text: str, limit: int = 5) -> list[str]:
    """Titles whose words begin with the words typed so far, from the index."""
    typed = words(text[:100])[:MAX_WORDS]
    if not typed or len(typed[-1]) < 2:
        return []
    drain()
    with open_index().searcher() as searcher:
        query = And([Prefix("title", stems(word)[0]) for word in typed])
        return [hit["title"] for hit in searcher.search(query, limit=limit)]


def search(request: SearchRequest) -> SearchResult:
    drain()
    ix = open_index()
    query = build_query(request.text)
    with ix.searcher() as searcher:
        sortedby, reverse = {
            "newest": ("published", True),
            "tried": ("tries", True),
        }.get(request.sort, (None, False))
        unfiltered = [name for name in FACETS if name not in request.filters]
        page = searcher.search_page(
            query,
            request.page,
            pagelen=request.per_page,
            filter=_filter(request.filters),
            sortedby=sortedby,
            reverse=reverse,
            terms=True,
            groupedby=_facet_specs(unfiltered),
        )
        counts = _counts(page.results, unfiltered)
        counts.update(_filtered_facet_counts(searcher, query, request.filters))
        facets = {name: counts[name] for name in FACETS}
        page.results.fragmenter = FRAGMENTER
        page.results.formatter = FORMATTER
        snippets, file_terms = {}, {}
        for hit in page:
            material_id = int(hit["id"])
            matched = {text.decode() for name, text in hit.matched_terms() if name == "text"}
            snippets[material_id] = _marked(
                _highlight(hit.get("body_excerpt", ""), matched) or hit.highlights("summary")
            )
            if snippets[material_id] is None and matched:
                file_terms[material_id] = matched
        suggestion = (
            _suggestion(searcher, request.text) if page.total == 0 and request.text else None
        )
        pages = max(1, -(-page.total // request.per_page))
    materials = {
        m.id: m
        for m in db.session.execute(
            select(Material).where(
                Material.id.in_(snippets), Material.status == MaterialStatus.PUBLISHED
            )
        ).scalars()
    }
    hits = []
    for material_id, snippet in snippets.items():
        if material_id not in materials:
            continue
        hit = Hit(materials[material_id], snippet)
        if material_id in file_terms:
            hit.snippet_file, hit.snippet = _file_snippet(hit.material, file_terms[material_id])
        hits.append(hit)
    return SearchResult(
        total=page.total,
        page=request.page,
        pages=pages,
        hits=hits,
        facets=facets,
        suggestion=suggestion,
        rebuilding=pending_count() > 0,
    )
