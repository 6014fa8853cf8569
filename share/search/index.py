"""The Whoosh index: its schema, the documents built from materials, and the outbox drain.

Only published materials are in the index, so a search can return nothing a signed-in
user may not see; results are still loaded from the database, which has the last word.
"""

import logging
import shutil
from functools import cache
from pathlib import Path

from flask import current_app
from sqlalchemy import delete, func, select
from sqlalchemy.orm import selectinload
from whoosh import index as whoosh_index
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.index import LockError

from share.extensions import db
from share.materials.markdown import markdown_to_text
from share.materials.models import Material, MaterialStatus
from share.outbox import IndexRequest, pending
from share.search.analysis import endings_analyzer, plain_analyzer, stemming_analyzer

log = logging.getLogger(__name__)

#: Bump when the schema changes: a new version lives in its own directory and is built
#: from the database on first use, so an old index never meets a new schema.
SCHEMA_VERSION = 3
#: The facets whose documents carry several values; besides their searchable field they
#: have a column of the values joined, "<name>_set", that facet counting reads.
MULTI_VALUED_FACETS = ("core_process", "school_form", "subject")

#: The part of a body kept in the index for snippets. Highlighting re-reads it for every hit
#: shown, the biggest cost of a search when unbounded; the whole text is still searchable.
STORED_TEXT_CHARS = 4_000
DRAIN_BATCH = 500


@cache
def schema() -> Schema:
    stemmed = stemming_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=stemmed, field_boost=5.0, stored=True),
        summary=TEXT(analyzer=stemmed, field_boost=2.0, stored=True),
        tags=TEXT(analyzer=stemmed, field_boost=2.0),
        # Body, research basis, tags and the attached files' text, whole: one field to match,
        # so a word costs one lookup here rather than one per source.
        text=TEXT(analyzer=stemmed),
        body_excerpt=STORED(),
        author=TEXT(analyzer=plain_analyzer(), stored=True),
        # Word endings of everything, for compounds: "förståelse" → "läsförståelse".
        parts=TEXT(analyzer=endings_analyzer()),
        # Unstemmed words, for "Menade du …".
        spelling=TEXT(analyzer=plain_analyzer(), spelling=True),
        # Facets: filters search the fields; counting reads columns (sortable), which Whoosh
        # caches per segment, instead of each hit's stored fields.
        kind=ID(stored=True, sortable=True),
        core_process=KEYWORD(commas=True, stored=True),
        core_process_set=ID(sortable=True),
        area=ID(stored=True, sortable=True),
        school_form=KEYWORD(commas=True, stored=True),
        school_form_set=ID(sortable=True),
        subject=KEYWORD(commas=True, stored=True),
        subject_set=ID(sortable=True),
        licence=ID(stored=True, sortable=True),
        published=DATETIME(sortable=True, stored=True),
        tries=NUMERIC(sortable=True, stored=True),
    )


def index_dir() -> Path:
    return Path(current_app.config["INDEX_DIR"]) / f"v{SCHEMA_VERSION}"


def open_index():
    """The index; a missing or unreadable one is made anew, empty, and every material is
    queued for indexing, so search fills up again while the site keeps working."""
    directory = index_dir()
    try:
        if whoosh_index.exists_in(str(directory)):
            return whoosh_index.open_dir(str(directory), schema=schema())
    except Exception as error:  # noqa: BLE001 (any damage means the same thing: start again)
        # No traceback kept: it would hold Whoosh's half-read files open.
        log.error("search index at %s is unreadable (%s); rebuilding", directory, repr(error))
        shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
    created = whoosh_index.create_in(str(directory), schema())
    queue_all()
    db.session.commit()
    return created


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


def document(material: Material) -> dict:
    """The index document of a published material."""
    files = [
        f"{attachment.display_name}: {attachment.stored_file.text or ''}"
        for attachment in material.attachments
    ]
    files_text = "\n".join(files)
    tags = " ".join(tag.name for tag in material.tags)
    body = markdown_to_text(material.body)
    everything = " ".join([material.title, material.summary, body, tags, files_text])
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
        "parts": everything,
        "spelling": everything,
        "kind": material.kind.value,
        "area": str(material.area_id or ""),
        "licence": material.licence.value,
        "published": material.published_at,
        "tries": 0,
    }


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


def drain(*, batch: int = DRAIN_BATCH, wait: bool = False) -> int:
    """Apply queued index requests in batches, one index commit per batch. Returns how many
    requests were applied. Another process already writing means it will apply them: this
    call then returns 0 at once (or waits for it, with `wait`)."""
    applied = 0
    ix = open_index()
    while requests := pending(batch):
        try:
            writer = ix.writer(timeout=30 if wait else 0)
        except LockError:
            break
        try:
            materials = _materials({request.material_id for request in requests})
            for material_id in {request.material_id for request in requests}:
                material = materials.get(material_id)
                if material is not None and material.status == MaterialStatus.PUBLISHED:
                    writer.update_document(**document(material))
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


def published_count() -> int:
    statement = select(func.count()).select_from(Material)
    return db.session.execute(
        statement.where(Material.status == MaterialStatus.PUBLISHED)
    ).scalar_one()


def rebuild(progress=None) -> int:
    """Build the index from the database into a fresh directory; returns documents written."""
    directory = index_dir()
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(directory), schema())
    db.session.execute(delete(IndexRequest))
    ids = list(
        db.session.execute(
            select(Material.id).where(Material.status == MaterialStatus.PUBLISHED)
        ).scalars()
    )
    written = 0
    writer = ix.writer()
    for start in range(0, len(ids), DRAIN_BATCH):
        chunk = _materials(set(ids[start : start + DRAIN_BATCH]))
        for material in chunk.values():
            writer.add_document(**document(material))
            written += 1
        if progress:
            progress(len(chunk))
        db.session.expunge_all()
    writer.commit()
    db.session.commit()
    return written


def check() -> tuple[list[int], list[int]]:
    """(published materials missing or stale in the index, indexed ids that should not be)."""
    ix = open_index()
    with ix.searcher() as searcher:
        indexed = {
            int(fields["id"]): fields.get("title") for fields in searcher.all_stored_fields()
        }
    published = {
        material.id: material.title
        for material in db.session.execute(
            select(Material).where(Material.status == MaterialStatus.PUBLISHED)
        ).scalars()
    }
    missing = sorted(i for i, title in published.items() if indexed.get(i) != title)
    extra = sorted(set(indexed) - set(published))
    return missing, extra
