"""The Whoosh index: its schema, the documents built from materials, and the outbox drain.

Only published materials are in the index, so a search can return nothing a signed-in
user may not see; results are still loaded from the database, which has the last word.
"""

import logging
import shutil
import threading
import traceback
import uuid
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from flask import current_app
from sqlalchemy import delete, func, select
from sqlalchemy.orm import selectinload
from whoosh import index as whoosh_index
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.index import TOC, LockError
from whoosh.reading import MultiReader, SegmentReader
from whoosh.searching import Searcher
from whoosh.writing import CLEAR

from share.extensions import db
from share.materials.markdown import markdown_to_text
from share.materials.models import Material, MaterialRevision, MaterialStatus
from share.outbox import IndexRequest, pending
from share.search.analysis import plain_analyzer, stemming_analyzer

log = logging.getLogger(__name__)

#: Bump when the schema changes: a new version lives in its own directory and is built
#: from the database on first use, so an old index never meets a new schema.
SCHEMA_VERSION = 5
#: The facets whose documents carry several values; besides their searchable field they
#: have a column of the values joined, "<name>_set" (see the schema's facet comment).
MULTI_VALUED_FACETS = ("core_process", "school_form", "subject")

#: The part of a body kept in the index for snippets. Highlighting re-reads it for every hit
#: shown, the biggest cost of a search when unbounded; the whole text is still searchable.
STORED_TEXT_CHARS = 4_000
DRAIN_BATCH = 500
#: What a request applies of the outbox before it answers: a few edits' worth. A bigger
#: backlog (a rebuild) is left to the background, so no request waits for it.
REQUEST_DRAIN_LIMIT = 20


@cache
def schema() -> Schema:
    stemmed = stemming_analyzer()
    # No positions anywhere (phrase=False): nothing searches for phrases, and positions
    # were most of the index's size.
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=stemmed, phrase=False, field_boost=5.0, stored=True),
        summary=TEXT(analyzer=stemmed, phrase=False, field_boost=2.0, stored=True),
        tags=TEXT(analyzer=stemmed, phrase=False, field_boost=2.0),
        # Body, research basis, tags and the attached files' text, whole: one field to match,
        # so a word costs one lookup here rather than one per source.
        text=TEXT(analyzer=stemmed, phrase=False),
        body_excerpt=STORED(),
        author=TEXT(analyzer=plain_analyzer(), phrase=False),
        # Every distinct word backwards, for compounds: "förståelse" is a prefix of
        # "läsförståelse" backwards. One term per word, where all its endings were many.
        backwards=TEXT(analyzer=plain_analyzer(), phrase=False),
        # Every distinct word as written, for prefixes ("bråk" → "bråkräkning") and
        # "Menade du …".
        spelling=TEXT(analyzer=plain_analyzer(), phrase=False, spelling=True),
        # Facets: filters and counts (share/search/facets.py) use the fields' postings. The
        # columns (sortable, and "<name>_set") are what Whoosh's own grouping counts from:
        # the app no longer does, only the benchmark's raw-Whoosh baseline. They can go at
        # the next schema change, with the baseline counting some other stock way.
        kind=ID(sortable=True),
        core_process=KEYWORD(commas=True),
        core_process_set=ID(sortable=True),
        area=ID(sortable=True),
        school_form=KEYWORD(commas=True),
        school_form_set=ID(sortable=True),
        subject=KEYWORD(commas=True),
        subject_set=ID(sortable=True),
        licence=ID(sortable=True),
        published=DATETIME(sortable=True),
        # The material's latest revision: `check` compares it with the database.
        revision=STORED(),
    )


def index_dir() -> Path:
    return Path(current_app.config["INDEX_DIR"]) / f"v{SCHEMA_VERSION}"


def open_index():
    """The index; a missing or unreadable one is made anew (see `reset_index`)."""
    directory = index_dir()
    try:
        if whoosh_index.exists_in(str(directory)):
            return whoosh_index.open_dir(str(directory), schema=schema())
    except Exception as error:  # noqa: BLE001 (any damage means the same thing: start again)
        return reset_index(error)
    return reset_index()


def reset_index(damage: Exception | None = None):
    """An empty index in place of a missing or damaged one, with every material queued for
    indexing: search fills up again (in the background) while the site keeps working."""
    directory = index_dir()
    if damage is not None:
        # Whoosh leaves the file it failed to read open, held by the traceback's frames:
        # clearing them closes it now rather than whenever the garbage collector runs.
        traceback.clear_frames(damage.__traceback__)
        log.error("search index at %s is unreadable (%s); rebuilding", directory, repr(damage))
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
    created = whoosh_index.create_in(str(directory), schema())
    (directory / IDENTITY_FILE).write_text(uuid.uuid4().hex)
    queue_all()
    db.session.commit()
    return created


#: Names this index among the ones that were in its directory before: generation numbers
#: start again in a new index, so they alone cannot tell a kept searcher it is stale.
IDENTITY_FILE = "dela-index-identity"
_kept = threading.local()


@contextmanager
def searcher():
    """A searcher on the current index, kept open in this thread from one search to the
    next and brought up to date, which reopens only changed segments: opening every
    segment's term tables costs more than most searches. Segments that cannot be read
    count as damage, like an index that cannot be opened: the index is made anew."""
    directory = index_dir()
    identity = _identity(directory)
    kept = getattr(_kept, "searcher", None)
    opened = None
    if kept is not None and identity is not None and _kept.identity == identity:
        try:
            opened = _up_to_date(_kept.index, kept)
        except Exception:  # noqa: BLE001 (the index changed under it; open it anew below)
            kept.close()
            opened = None
    elif kept is not None:
        kept.close()
    if opened is None:
        _kept.index, opened = _open_searcher()
        identity = _identity(directory)
    _kept.searcher, _kept.identity = opened, identity
    yield opened


def _up_to_date(index, kept: Searcher) -> Searcher:
    """`kept`, or a searcher on the index's latest version that reuses the readers of
    the segments that have not changed.

    Whoosh's own Searcher.refresh() does not do for this (whoosh-reloaded 2.7.5): it
    reuses the reader of a segment whose deletions have changed and keeps segments that
    were merged away, so unpublished and replaced documents stayed in every count."""
    if kept.up_to_date():
        return kept
    toc = TOC.read(index.storage, index.indexname, schema=schema())
    if not toc.segments:
        kept.close()  # every document gone: none of its readers is needed
        return index.searcher()
    reusable = {
        reader.segment().segment_id(): reader
        for reader, _ in kept.reader().leaf_readers()
        if reader.segment() is not None  # None: the index was empty
    }
    readers = []
    for segment in toc.segments:
        old = reusable.pop(segment.segment_id(), None)
        if old is not None and old.segment().deleted_count() == segment.deleted_count():
            readers.append(old)
        else:
            readers.append(SegmentReader(index.storage, toc.schema, segment, toc.generation))
    for unused in reusable.values():
        unused.close()
    # A MultiReader even for one segment: it carries the new generation.
    return Searcher(MultiReader(readers, generation=toc.generation), fromindex=index)


def _identity(directory: Path) -> str | None:
    try:
        return (directory / IDENTITY_FILE).read_text()
    except OSError:
        return None


def _open_searcher():
    """The index and a searcher on it."""
    try:
        index = open_index()
        return index, index.searcher()
    except Exception as error:  # noqa: BLE001 (see open_index)
        reset_index(error)
        drain(limit=REQUEST_DRAIN_LIMIT)
        index = open_index()
        return index, index.searcher()


def queue_all() -> int:
    """Queue every material for (re)indexing; returns how many."""
    ids = list(db.session.execute(select(Material.id)).scalars())
    db.session.add_all(IndexRequest(material_id=material_id) for material_id in ids)
    return len(ids)


def pending_count() -> int:
    """Index requests not yet applied: while there are any, search is a little behind."""
    return db.session.execute(select(func.count()).select_from(IndexRequest)).scalar_one()


def _joined(values) -> str:
    return ",".join(values)


def _distinct_words(text: str) -> list[str]:
    """Each lowercased word once, in order: the fields for compounds and spelling need no
    counts."""
    return list(dict.fromkeys(token.text for token in plain_analyzer()(text)))


def document(material: Material, revision: int) -> dict:
    """The index document of a published material at `revision`."""
    files = [
        f"{attachment.display_name}: {attachment.stored_file.text or ''}"
        for attachment in material.attachments
    ]
    files_text = "\n".join(files)
    tags = " ".join(tag.name for tag in material.tags)
    body = markdown_to_text(material.body)
    distinct = _distinct_words(" ".join([material.title, material.summary, body, tags, files_text]))
    facets = {
        "core_process": _joined(t.slug for t in material.core_processes),
        "school_form": _joined(t.slug for t in material.school_forms),
        "subject": _joined(t.slug for t in material.subjects),
    }
    return {
        **facets,
        **{f"{name}_set": value for name, value in facets.items()},
        "id": str(material.id),
        "title": material.title,
        "summary": material.summary,
        "tags": tags,
        "text": "\n".join([body, markdown_to_text(material.research_basis), tags, files_text]),
        "body_excerpt": body[:STORED_TEXT_CHARS],
        "author": material.author.name,
        "backwards": " ".join(word[::-1] for word in distinct),
        "spelling": " ".join(distinct),
        "kind": material.kind.value,
        "area": str(material.area_id or ""),
        "licence": material.licence.value,
        "published": material.published_at,
        "revision": revision,
    }


def latest_revisions(ids) -> dict[int, int]:
    """Material id → the number of its latest revision."""
    statement = (
        select(MaterialRevision.material_id, func.max(MaterialRevision.number))
        .where(MaterialRevision.material_id.in_(ids))
        .group_by(MaterialRevision.material_id)
    )
    return dict(db.session.execute(statement).tuples().all())


def _materials(ids: set[int]) -> dict[int, Material]:
    statement = (
        select(Material)
        .where(Material.id.in_(ids))
        .options(
            selectinload(Material.tags),
            selectinload(Material.core_processes),
            selectinload(Material.school_forms),
            selectinload(Material.subjects),
            selectinload(Material.attachments),
            selectinload(Material.author),
        )
    )
    return {material.id: material for material in db.session.execute(statement).scalars()}


def drain(*, limit: int | None = None, wait: bool = False) -> int:
    """Apply queued index requests in batches, one index commit per batch, at most `limit`
    of them. Returns how many were applied. Another process already writing means it will
    apply them: this call then returns 0 at once (or waits for it, with `wait`).

    The indexer's own unit of work: it commits what it applied, so it runs only where the
    caller's changes are committed (after a request, at the start of a search, in a CLI)."""
    applied = 0
    ix = open_index()
    while limit is None or applied < limit:
        requests = pending(DRAIN_BATCH if limit is None else min(DRAIN_BATCH, limit - applied))
        if not requests:
            break
        try:
            writer = ix.writer(timeout=30 if wait else 0)
        except LockError:
            break
        try:
            ids = {request.material_id for request in requests}
            materials, revisions = _materials(ids), latest_revisions(ids)
            for material_id in ids:
                material = materials.get(material_id)
                if material is not None and material.status == MaterialStatus.PUBLISHED:
                    writer.update_document(**document(material, revisions.get(material_id, 0)))
                else:
                    writer.delete_by_term("id", str(material_id))
            writer.commit()
        except Exception:
            writer.cancel()
            raise
        # Only after the index holds them: a crash before this line repeats the work.
        db.session.execute(
            delete(IndexRequest).where(IndexRequest.id.in_([r.id for r in requests]))
        )
        db.session.commit()
        applied += len(requests)
    return applied


def keep_up() -> bool:
    """Apply a request's worth of pending index updates and leave a bigger backlog to a
    thread. Returns whether some are still pending: search is then behind."""
    drain(limit=REQUEST_DRAIN_LIMIT)
    behind = pending_count() > 0
    if behind and current_app.config["SEARCH_BACKGROUND_INDEXING"]:
        _catch_up_in_background(current_app._get_current_object())
    return behind


_background: threading.Thread | None = None
_background_lock = threading.Lock()


def _catch_up_in_background(app) -> None:
    """Apply the outbox in a thread of this process, unless one is at it already. With
    several processes, the one holding the index lock does the work."""
    global _background
    with _background_lock:
        if _background is not None and _background.is_alive():
            return
        _background = threading.Thread(
            target=_drain_in_background, args=(app,), name="dela-search-indexer", daemon=True
        )
        _background.start()


def _drain_in_background(app) -> None:
    with app.app_context():
        try:
            while drain(limit=DRAIN_BATCH):
                db.session.expunge_all()  # a rebuild's materials need not stay in memory
        except Exception:  # The outbox keeps the requests; the next request starts again.
            log.exception("background search indexing failed")
        finally:
            db.session.remove()


def published_count() -> int:
    statement = select(func.count()).select_from(Material)
    return db.session.execute(
        statement.where(Material.status == MaterialStatus.PUBLISHED)
    ).scalar_one()


def rebuild(progress=None) -> int:
    """Build the index anew from the database; returns documents written.

    The new documents replace the old in one index commit, so searches see the old index
    until the new one is complete. Requests queued meanwhile stay queued and are applied
    after it (applying one twice does no harm)."""
    ix = open_index()
    covered = db.session.execute(select(func.max(IndexRequest.id))).scalar_one()
    ids = list(
        db.session.execute(
            select(Material.id).where(Material.status == MaterialStatus.PUBLISHED)
        ).scalars()
    )
    db.session.close()  # no read transaction held open for the whole run
    written = 0
    writer = ix.writer(timeout=120)
    try:
        for start in range(0, len(ids), DRAIN_BATCH):
            chunk = set(ids[start : start + DRAIN_BATCH])
            materials, revisions = _materials(chunk), latest_revisions(chunk)
            for material in materials.values():
                if material.status == MaterialStatus.PUBLISHED:
                    writer.add_document(**document(material, revisions.get(material.id, 0)))
                    written += 1
            db.session.close()
            if progress:
                progress(len(chunk))
        writer.commit(mergetype=CLEAR)
    except BaseException:
        writer.cancel()
        raise
    if covered is not None:
        db.session.execute(delete(IndexRequest).where(IndexRequest.id <= covered))
        db.session.commit()
    return written


def check() -> tuple[list[int], list[int]]:
    """(published materials missing from the index or indexed at an older revision,
    indexed ids that are not published)."""
    with searcher() as reader:
        indexed = {
            int(fields["id"]): fields.get("revision") for fields in reader.all_stored_fields()
        }
    published = list(
        db.session.execute(
            select(Material.id).where(Material.status == MaterialStatus.PUBLISHED)
        ).scalars()
    )
    revisions = latest_revisions(published)
    missing = sorted(i for i in published if indexed.get(i) != revisions.get(i, 0))
    extra = sorted(set(indexed) - set(published))
    return missing, extra
