"""The Whoosh index: where it lives, searchers kept open on it, and the one way changes
reach it (`apply_changes`, which reads the change log).
"""

import logging
import shutil
import threading
import traceback
import uuid
from contextlib import contextmanager
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from whoosh import index as whoosh_index
from whoosh.index import TOC, LockError
from whoosh.reading import MultiReader, SegmentReader
from whoosh.searching import Searcher

from share import changes
from share.changes import Change, ChangeKind
from share.extensions import db
from share.materials.models import Material
from share.search.documents import SCHEMA_VERSION, documents, schema
from share.search.scoring import LiveBM25F
from share.variants.models import MaterialVariant
from share.vocabularies.models import VariantType
from share.vocabularies.registry import MATERIAL_VOCABULARIES

log = logging.getLogger(__name__)

#: The change log's name for this index.
CONSUMER = "search"
DRAIN_BATCH = 500
#: What a request applies of the change log before it answers: a few edits' worth. A
#: bigger backlog (a rebuild) is left to the background, so no request waits for it.
REQUEST_DRAIN_LIMIT = 20


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


def check_readable() -> None:
    """Raise unless the index can be read: its table of contents and segments opened. An
    index not made yet passes when its folder can be made (the first search makes it)."""
    directory = index_dir()
    if not whoosh_index.exists_in(str(directory)):
        directory.mkdir(parents=True, exist_ok=True)
        return
    whoosh_index.open_dir(str(directory), schema=schema()).doc_count()


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
        return index.searcher(weighting=LiveBM25F())
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
    return Searcher(
        MultiReader(readers, generation=toc.generation), fromindex=index, weighting=LiveBM25F()
    )


def _identity(directory: Path) -> str | None:
    try:
        return (directory / IDENTITY_FILE).read_text()
    except OSError:
        return None


def _open_searcher():
    """The index and a searcher on it."""
    try:
        index = open_index()
        return index, index.searcher(weighting=LiveBM25F())
    except Exception as error:  # noqa: BLE001 (see open_index)
        reset_index(error)
        apply_changes(limit=REQUEST_DRAIN_LIMIT)
        index = open_index()
        return index, index.searcher(weighting=LiveBM25F())


def queue_all() -> int:
    """Record every material as changed, for this index; returns how many."""
    ids = list(db.session.execute(select(Material.id)).scalars())
    db.session.add_all(
        Change(consumer=CONSUMER, kind=ChangeKind.MATERIAL_CHANGED, subject_id=material_id)
        for material_id in ids
    )
    return len(ids)


def pending_count() -> int:
    """Changes not yet applied: while there are any, search is a little behind."""
    return changes.pending_count(CONSUMER)


def _materials_of(change: Change) -> set[int]:
    """The materials whose documents a change may have altered. (A changed material's
    original follows in `_touched`, for a whole batch at once.)"""
    if change.kind == ChangeKind.MATERIAL_CHANGED:
        return {change.subject_id}
    if change.kind == ChangeKind.PERSON_RENAMED:
        statement = select(Material.id).where(Material.author_id == change.subject_id)
    elif change.kind == ChangeKind.UNIT_MOVED:
        statement = select(Material.id).where(Material.unit_id == change.subject_id)
    elif change.kind == ChangeKind.TERM_RENAMED and change.scope == VariantType.__tablename__:
        # The originals of its variants carry the type (the facet "har variant för …"),
        # by its slug, which a rename keeps: their documents come out the same today, and
        # are rebuilt all the same, like any term's, so that nothing hangs on that.
        statement = select(MaterialVariant.original_id).where(
            MaterialVariant.variant_type_id == change.subject_id
        )
    else:  # a material vocabulary's term renamed
        vocabulary = next(
            (v for v in MATERIAL_VOCABULARIES if v.model.__tablename__ == change.scope), None
        )
        if vocabulary is None:
            return set()  # a vocabulary no document carries
        statement = (
            select(Material.id)
            .join(getattr(Material, vocabulary.relation))
            .where(vocabulary.model.id == change.subject_id)
        )
    return set(db.session.execute(statement).scalars())


def _originals_of(material_ids: set[int]) -> set[int]:
    """The originals of those of `material_ids` that are variants: an original's document
    counts its published variants' types, so a variant published, unpublished, hidden or
    removed changes its original's document too."""
    if not material_ids:
        return set()
    statement = select(MaterialVariant.original_id).where(
        MaterialVariant.variant_id.in_(material_ids)
    )
    return set(db.session.execute(statement).scalars())


def _touched(batch: list[Change]) -> set[int]:
    """The materials whose documents a batch of changes may have altered: one query for the
    originals of the whole batch's changed materials, not one per change."""
    ids = set().union(*(_materials_of(change) for change in batch))
    changed = {c.subject_id for c in batch if c.kind == ChangeKind.MATERIAL_CHANGED}
    return ids | _originals_of(changed)


def write_documents(writer, ids: set[int]) -> int:
    """Bring the documents of `ids` in line with the database; returns how many are
    published (written), the others are dropped."""
    found = documents(ids)
    for material_id in ids:
        if material_id in found:
            writer.update_document(**found[material_id])
        else:
            writer.delete_by_term("id", str(material_id))
    return len(found)


def apply_changes(*, limit: int | None = None, wait: bool = False) -> int:
    """Apply recorded changes in batches, one index commit per batch, at most `limit` of
    them. Returns how many were applied. Another process already writing means it will
    apply them: this call then returns 0 at once (or waits for it, with `wait`).

    The indexer's own unit of work: it commits what it applied, so it runs only where the
    caller's changes are committed (after a request, at the start of a search, in a CLI)."""
    applied = 0
    ix = open_index()
    while limit is None or applied < limit:
        batch = changes.pending(
            CONSUMER, DRAIN_BATCH if limit is None else min(DRAIN_BATCH, limit - applied)
        )
        if not batch:
            break
        try:
            writer = ix.writer(timeout=30 if wait else 0)
        except LockError:
            break
        try:
            write_documents(writer, _touched(batch))
            writer.commit()
        except Exception:
            writer.cancel()
            raise
        # Only after the index holds them: a crash before this line repeats the work.
        changes.mark_applied(CONSUMER, batch)
        db.session.commit()
        applied += len(batch)
    return applied
