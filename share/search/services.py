"""Searching: a query built from the words typed (never parsed as syntax), facets, snippets.

Nothing typed in the box is a field query or an operator: `status:draft` is two words.
"""

from dataclasses import dataclass, field

import nh3
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from whoosh import highlight
from whoosh.query import And, Every, Or, Prefix, PreloadedOr, Term

from share.auth.models import User
from share.extensions import db
from share.materials.models import Attachment, Material, MaterialStatus
from share.paging import MAX_PAGE, PER_PAGE, Page
from share.search import counting
from share.search.analysis import (
    MIN_ENDING,
    STOP_WORDS,
    content_words,
    stemming_analyzer,
    stems,
    words,
)
from share.search.documents import STORED_TEXT_CHARS
from share.search.facets import FACET_NAMES
from share.search.index import searcher
from share.search.synonyms import synonym_sets
from share.search.upkeep import keep_up

MAX_WORDS = 20
#: Longer "words" are not Swedish; spelling suggestions skip them, as they cost the most.
MAX_WORD_LENGTH = 40
#: At most this many longer words stand for a word inside compounds.
MAX_COMPOUNDS = 50
MAX_PER_PAGE = 50
SORTS = ("relevance", "newest", "most_tried")
#: Index field(s) and direction of each sort but relevance.
SORT_FIELDS = {"newest": (["published"], True), "most_tried": (["tried_by", "published"], True)}
TEXT_FIELDS = {
    "title": 1.0,
    "summary": 1.0,
    "tags": 1.0,
    "terms": 1.0,
    "reports": 1.0,
    "text": 0.8,
}


@dataclass
class SearchRequest:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    #: "Bara mitt skolområde": the area filter is the searcher's own area.
    only_my_area: bool = False


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

    @property
    def pagination(self) -> Page:
        return Page(self.page, self.pages)


def request_from_args(args, user: User) -> SearchRequest:
    """The search a URL's arguments ask for (`q`, a list per facet, `sort`, `page`,
    `per_page`, `mitt_omrade`), as `user` makes it.

    "Only my area" (`mitt_omrade`) means the user's own area, and only for a user who has
    one; it then stands in for any area the URL names."""
    filters = {name: args.getlist(name) for name in FACET_NAMES}
    only_my_area = bool(args.get("mitt_omrade")) and user.area is not None
    if only_my_area:
        filters["area"] = [str(user.area.id)]
    search_request = clean_request(
        args.get("q", ""),
        filters,
        args.get("sort", "relevance"),
        args.get("page", 1),
        args.get("per_page", PER_PAGE),
    )
    search_request.only_my_area = only_my_area
    return search_request


def clean_request(text: str, filters: dict, sort: str, page, per_page) -> SearchRequest:
    """Bound everything that came from a URL: nothing odd reaches the index."""

    def number(value, default, low, high):
        try:
            return min(max(int(value), low), high)
        except (TypeError, ValueError):
            return default

    return SearchRequest(
        text=(text or "")[:500],
        filters={
            name: [value[:100] for value in values[:10]]
            for name, values in filters.items()
            if name in FACET_NAMES and values
        },
        sort=sort if sort in SORTS else "relevance",
        page=number(page, 1, 1, MAX_PAGE),
        per_page=number(per_page, PER_PAGE, 1, MAX_PER_PAGE),
    )


def _word_query(reader, word: str):
    alternatives = []
    for form in stems(word):
        alternatives += [Term(name, form, boost=boost) for name, boost in TEXT_FIELDS.items()]
    alternatives.append(Term("author", word))
    # Compounds, ranked below whole and stemmed words.
    alternatives += [Term("spelling", other, boost=0.25) for other in _compounds(reader, word)]
    # Whoosh would join these dozens of terms in a tree of two-way unions, stepped through
    # document by document; the preloaded form adds up their scores a block at a time, a
    # few times faster for a common word. (It cannot say which term matched a document,
    # which nothing here asks.)
    return PreloadedOr(alternatives)


def _compounds(reader, word: str) -> list[str]:
    """Indexed words that begin or end with `word` and are more than a form of it, the most
    common first: "bråkräkning" for "bråk", "läsförståelse" for "förståelse". Forms of the
    word itself ("eleverna" for "elever") are left to the stemmed fields, which find them
    already: matching them again here would walk the same long lists twice more."""
    if len(word) < MIN_ENDING:
        return []
    frequency = _words_beginning(reader, "spelling", word)
    for backwards, count in _words_beginning(reader, "backwards", word[::-1]).items():
        frequency[backwards[::-1]] = count
    frequency.pop(word, None)
    own = set(stems(word))
    longer = []
    # A common start has thousands of words; only the most common are stemmed.
    for other in sorted(frequency, key=lambda other: (-frequency[other], other)):
        if stems(other)[0] not in own:
            longer.append(other)
            if len(longer) == MAX_COMPOUNDS:
                break
    return longer


def _words_beginning(reader, name: str, prefix: str) -> dict[str, int]:
    """The words of field `name` that begin with `prefix`, with how many documents have
    each: read segment by segment, where a word and its count come in one step."""
    frequency: dict[str, int] = {}
    for segment_reader, _ in reader.leaf_readers():
        for text, info in segment_reader.iter_prefix(name, prefix):
            found = text.decode()
            frequency[found] = frequency.get(found, 0) + info.doc_frequency()
    return frequency


def _synonym_groups(text: str) -> list[list[str]]:
    """The query's words, with each synonym phrase found in it turned into one alternative."""
    lowered = " ".join(words(text))
    groups: list[list[str]] = []
    for synonyms in synonym_sets():
        found = next((s for s in synonyms if f" {s} " in f" {lowered} "), None)
        if found:
            lowered = f" {lowered} ".replace(f" {found} ", " ").strip()
            groups.append(sorted(synonyms))
    return [[word] for word in content_words(lowered.split())][:MAX_WORDS] + groups


def build_query(text: str, reader):
    """Every word (or one phrase of each synonym group) must match; stop words are left
    out, as the index leaves them out. `reader` tells which compounds a word is part of."""
    groups = _synonym_groups(text)
    if not groups:
        return Every()
    clauses = []
    for alternatives in groups:
        options = [
            And([_word_query(reader, w) for w in content_words(phrase.split())])
            for phrase in alternatives
        ]
        clauses.append(options[0] if len(options) == 1 else Or(options))
    return And(clauses)


def _filter(filters: dict[str, list[str]]):
    terms = [Or([Term(name, value) for value in values]) for name, values in filters.items()]
    return And(terms) if terms else None


def _correction(reader, word: str) -> str | None:
    """The most common indexed word one edit from `word`, else two; None for a word the
    index knows as written or by its stem (or one not worth correcting)."""
    if len(word) < 3 or len(word) > MAX_WORD_LENGTH or word in STOP_WORDS:
        return None
    if reader.doc_frequency("spelling", word) or any(
        reader.doc_frequency(name, form) for form in stems(word) for name in TEXT_FIELDS
    ):
        return None
    for distance in (1, 2):
        # Whoosh's own corrector ranks every word within two edits by frequency alone, so
        # "lek" became "det"; the nearest words come first here. Typos seldom hit the
        # first two letters, and keeping them halves the walk through ~300k words.
        candidates = [
            c for c in reader.terms_within("spelling", word, distance, prefix=2) if c != word
        ]
        if candidates:
            return max(candidates, key=lambda c: (reader.doc_frequency("spelling", c), c))
    return None


def _suggestion(reader, text: str) -> str | None:
    """The query with its words unknown to the index corrected, or None if none is."""
    typed = words(text)[:MAX_WORDS]
    corrected = [_correction(reader, word) or word for word in typed]
    return " ".join(corrected) if corrected != typed else None


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
    """Titles of published materials whose words begin with the words typed so far."""
    typed = content_words(words(text[:100])[:MAX_WORDS])
    if not typed or len(typed[-1]) < 2:
        return []
    keep_up()
    with searcher() as opened:
        query = And([Prefix("title", stems(word)[0]) for word in typed])
        ids = [int(hit["id"]) for hit in opened.search(query, limit=limit)]
    return [material.title for material in _published(ids).values()]


def _published(ids: list[int]) -> dict[int, Material]:
    """The published materials among `ids`, in that order: the database has the last word
    over an index that may be a moment behind."""
    statement = (
        select(Material)
        .where(Material.id.in_(ids), Material.status == MaterialStatus.PUBLISHED)
        .options(
            selectinload(Material.attachments).selectinload(Attachment.stored_file),
            selectinload(Material.core_processes),
            selectinload(Material.area),
            selectinload(Material.unit),
        )
    )
    found = {material.id: material for material in db.session.execute(statement).scalars()}
    return {material_id: found[material_id] for material_id in ids if material_id in found}


def search(request: SearchRequest) -> SearchResult:
    """One page of hits for `request`, with facet counts, snippets and "Menade du"."""
    behind = keep_up()
    with searcher() as opened:
        query = build_query(request.text, opened.reader())
        # Counted first: the total tells which page is the last, and a page past it shows
        # the last. The page's own search then groups nothing.
        found = counting.count(opened, opened.docs_for_query(query), request.filters, FACET_NAMES)
        pages = max(1, -(-found.total // request.per_page))
        page = min(request.page, pages)
        # The query's own words: a text holds a word or not, whether or not the hit was
        # found by it.
        words_sought = {text for name, text in query.iter_all_terms() if name == "text"}
        snippets = _page_snippets(opened, query, request, page, words_sought)
        suggestion = _suggestion(opened.reader(), request.text) if request.text else None
    return SearchResult(
        total=found.total,
        page=page,
        pages=pages,
        hits=_hits(snippets, words_sought),
        facets=found.counts,
        suggestion=suggestion,
        rebuilding=behind,
    )


def _page_snippets(opened, query, request: SearchRequest, page: int, words_sought: set[str]):
    """Material id → its snippet from the index (or None), for the hits on `page`, in order."""
    sortedby, reverse = SORT_FIELDS.get(request.sort, (None, False))
    results = opened.search(
        query,
        limit=page * request.per_page,
        filter=_filter(request.filters),
        sortedby=sortedby,
        reverse=reverse,
    )
    results.fragmenter, results.formatter = FRAGMENTER, FORMATTER
    return {
        int(hit["id"]): _marked(
            _highlight(hit.get("body_excerpt", ""), words_sought) or hit.highlights("summary")
        )
        for hit in results[(page - 1) * request.per_page :]
    }


def _hits(snippets: dict[int, Markup | None], words_sought: set[str]) -> list[Hit]:
    """The hits the database still calls published, each with a snippet from its text or,
    failing that, from an attached file."""
    hits = []
    for material_id, material in _published(list(snippets)).items():
        hit = Hit(material, snippets[material_id])
        if hit.snippet is None and words_sought:
            hit.snippet_file, hit.snippet = _file_snippet(material, words_sought)
        hits.append(hit)
    return hits
