"""Searching: a query built from the words typed (share/search/query.py), facets, snippets
and "Menade du"."""

from dataclasses import dataclass, field
from functools import cache

from markupsafe import Markup
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload, load_only, selectinload

from share.auth.models import User
from share.extensions import db
from share.materials.models import Attachment, Material, MaterialStatus
from share.paging import MAX_PAGE, PER_PAGE, Page
from share.search.analysis import content_words, stems, words
from share.search.facets import FACET_NAMES
from share.search.fields import SORT_FIELDS
from share.search.index import searcher
from share.search.once import one_search
from share.search.query import MAX_WORDS, Sought, build_query
from share.search.snippets import highlighted, plain
from share.search.spelling import FEW_HITS, suggestion
from share.search.upkeep import keep_up, lag
from share.storage.models import StoredFile

MAX_PER_PAGE = 50
#: What a hit shows of a material, and of its files (a thumbnail).
HIT_COLUMNS = (
    Material.kind,
    Material.title,
    Material.summary,
    Material.status,
    Material.area_id,
    Material.unit_id,
    Material.published_at,
    Material.evidence_level,
    Material.tried_by_count,
)
THUMBNAIL_COLUMNS = (
    StoredFile.has_thumbnail,
    StoredFile.thumbnail_width,
    StoredFile.thumbnail_height,
)
SORTS = ("relevance", *SORT_FIELDS)


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
    #: The words whose hits these are: the query as typed, or its correction.
    searched_for: str = ""
    #: The query as typed, when it found nothing and these are the hits of its correction.
    corrected_from: str | None = None
    #: A backlog of changes is waiting: new and changed materials may be missing.
    rebuilding: bool = False
    #: Changes are waiting and no indexer is at work on them.
    indexer_stopped: bool = False

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


def suggest_titles(text: str, limit: int = 5) -> list[str]:
    """Titles of published materials whose words begin with the words typed so far."""
    typed = content_words(words(text[:100])[:MAX_WORDS])
    if not typed or len(typed[-1]) < 2:
        return []
    with one_search():
        keep_up()
        with searcher() as opened:
            ids = opened.titles([stems(word)[0] for word in typed], limit)
    return [material.title for material in _published(ids).values()]


def _published(ids: list[int]) -> dict[int, Material]:
    """The published materials among `ids`, in that order: the database has the last word
    over an index that may be a moment behind."""
    found = {
        material.id: material
        for material in db.session.execute(_hits_statement(), {"ids": ids}).scalars()
        if material.status == MaterialStatus.PUBLISHED
    }
    return {material_id: found[material_id] for material_id in ids if material_id in found}


@cache
def _hits_statement():
    """The page's materials by id, made once: working out the cache key of a statement
    with these options took a fifth of its time."""
    # The status is tested by `_published` rather than in SQL: with both, a planner without
    # statistics (SQLite's, by default) walked the index of every published material to
    # find a page. Only what a hit shows is read (the page's card and the API's result):
    # the texts are long, and each date is parsed in Python on SQLite. Anything else a
    # caller reads is loaded when read.
    return (
        select(Material)
        .where(Material.id.in_(bindparam("ids", expanding=True)))
        .options(
            load_only(*HIT_COLUMNS),
            # A file's text can be long and only a hit without a snippet of its own reads
            # it (`_file_snippet`): loaded then, not for every hit.
            selectinload(Material.attachments)
            .load_only(Attachment.display_name, Attachment.stored_file_id)
            .joinedload(Attachment.stored_file, innerjoin=True)
            .load_only(*THUMBNAIL_COLUMNS),
            selectinload(Material.core_processes),
            # One of each per material: in the page's own query, not one query each.
            joinedload(Material.area),
            joinedload(Material.unit),
        )
    )


def search(request: SearchRequest) -> SearchResult:
    """One page of hits for `request`, with facet counts, snippets and "Menade du". A query
    that finds nothing while its spelling can be corrected shows the hits of the
    correction instead, and says so (`corrected_from`)."""
    # Which index is live, and that it can be read, asked once for all of it.
    with one_search():
        keep_up()
        behind, stopped = lag()
        with searcher() as opened:
            result = _search(opened, request, request.text)
            if result.total == 0 and result.suggestion:
                corrected = _search(opened, request, result.suggestion)
                if corrected.total:
                    result = corrected
                    result.corrected_from = request.text
                    result.suggestion = None
    result.rebuilding, result.indexer_stopped = behind, stopped
    return result


def _search(opened, request: SearchRequest, text: str) -> SearchResult:
    # A lexicon on a server answers all the query's questions (and those of the spelling
    # offered whatever the hits) at once.
    opened.prepare(lambda: (build_query(text, opened), text and suggestion(opened, text, FEW_HITS)))
    query = build_query(text, opened)
    # The query's own words: a text holds a word or not, whether or not the hit was found
    # by it.
    sought = Sought.of(query)
    per_page = request.per_page
    # A page past the last shows the last: the total says which that is.
    found = opened.find(
        query, request.filters, request.sort, (request.page - 1) * per_page, request.page * per_page
    )
    pages = max(1, -(-found.total // per_page))
    page = min(request.page, pages)
    if page < request.page:
        found = opened.find(
            query, request.filters, request.sort, (page - 1) * per_page, page * per_page
        )
    if text:  # the corrections of a query that found little, all at once
        opened.prepare(lambda: suggestion(opened, text, found.total))
    # Before the facet counts, which a backend may still be counting meanwhile.
    hits = _hits(_snippets(found.stored, sought), sought)
    return SearchResult(
        total=found.total,
        page=page,
        pages=pages,
        hits=hits,
        facets=found.counts,
        suggestion=suggestion(opened, text, found.total) if text else None,
        searched_for=text,
    )


def _snippets(stored, sought: Sought) -> dict:
    return {
        int(fields["id"]): (
            highlighted(fields.get("body_excerpt", ""), sought)
            or highlighted(fields.get("summary", ""), sought),
            fields.get("summary", ""),
        )
        for fields in stored
    }


def _hits(snippets: dict[int, tuple], sought: Sought) -> list[Hit]:
    """The hits the database still calls published, each with a snippet from its text,
    else from an attached file, else its summary (a hit in the title or tags alone)."""
    published = _published(list(snippets))
    bare = [i for i in published if snippets[i][0] is None] if sought else []
    texts = _files_texts(bare)
    hits = []
    for material_id, material in published.items():
        snippet, summary = snippets[material_id]
        hit = Hit(material, snippet)
        if material_id in bare:
            hit.snippet_file, hit.snippet = _file_snippet(material, texts, sought)
        if hit.snippet is None:
            hit.snippet = plain(summary or material.summary)
        hits.append(hit)
    return hits


def _files_texts(material_ids: list[int]) -> dict[int, str]:
    """Attachment id → its file's text, for the materials' attachments: in one query, read
    only for hits whose own text had no snippet."""
    if not material_ids:
        return {}
    statement = (
        select(Attachment.id, StoredFile.text)
        .join(Attachment.stored_file)
        .where(Attachment.material_id.in_(material_ids))
    )
    return {attachment_id: text or "" for attachment_id, text in db.session.execute(statement)}


def _file_snippet(
    material: Material, texts: dict[int, str], sought: Sought
) -> tuple[str | None, Markup | None]:
    """The first attached file whose text holds the words sought, and a snippet from it."""
    for attachment in material.attachments:
        snippet = highlighted(texts.get(attachment.id, ""), sought)
        if snippet:
            return attachment.display_name, snippet
    return None, None
