"""The live index, whatever its backend: searchers on it, and the one way changes reach it
(`apply_changes`, which reads the change log).
"""

import logging
import traceback
from contextlib import contextmanager

from flask import current_app
from sqlalchemy import select

from share import changes
from share.changes import Change, ChangeKind
from share.extensions import db
from share.materials.models import Material
from share.search.backends.base import Backend, Searcher, SearchUnavailable, Writer, WriterBusy
from share.search.documents import documents
from share.search.location import live
from share.search.locks import making_index, rebuild_running
from share.variants.models import MaterialVariant
from share.vocabularies.models import VariantType
from share.vocabularies.registry import MATERIAL_VOCABULARIES

log = logging.getLogger(__name__)

#: The change log's name for this index.
CONSUMER = "search"
DRAIN_BATCH = 500
#: What a request applies of the change log before it answers when the requests are the
#: indexer (SEARCH_INDEXER "inline", the tests): a few edits' worth.
REQUEST_DRAIN_LIMIT = 20


def open_index() -> None:
    """Make sure the live index can be written: a missing or unreadable one is made anew
    (see `reset_index`)."""
    engine, directory = live()
    if not engine.exists(directory):
        reset_index()
        return
    try:
        engine.check_readable(directory)
    except Exception as error:  # noqa: BLE001 (any damage means the same thing: start again)
        reset_index(error)


def requests_index() -> bool:
    """Whether requests apply the change log themselves (SEARCH_INDEXER "inline", the
    tests) rather than leave it to the indexer (`flask search worker`)."""
    return current_app.config["SEARCH_INDEXER"] == "inline"


def check_readable() -> None:
    """Raise unless the index can be read. An index not made yet passes when its folder can
    be made (the indexer makes it)."""
    engine, directory = live()
    if not engine.exists(directory):
        directory.mkdir(parents=True, exist_ok=True)
        return
    engine.check_readable(directory)


def reset_index(damage: Exception | None = None) -> None:
    """An empty index in place of a missing or damaged one, with every material queued for
    indexing: the indexer fills it up again while the site keeps working. Processes that
    find it missing at the same moment make it one at a time: the others find it made."""
    if isinstance(damage, SearchUnavailable):
        raise damage  # a server away is not a damaged index: made anew, it would be emptied
    engine, directory = live()
    if damage is not None:
        # A backend may leave the file it failed to read open, held by the traceback's
        # frames: clearing them closes it now rather than whenever the collector runs.
        traceback.clear_frames(damage.__traceback__)
        log.error("search index at %s is unreadable (%s); rebuilding", directory, repr(damage))
    with making_index():
        if _made_meanwhile(engine, directory, thoroughly=damage is not None):
            return
        engine.remove(directory)
        engine.create(directory)
        engine.make_live(directory)  # where the backend keeps the live index itself
        queue_all()
        db.session.commit()


def _made_meanwhile(engine: Backend, directory, *, thoroughly: bool) -> bool:
    """Whether another process made (or mended) the index while this one waited to."""
    if not engine.exists(directory):
        return False
    try:
        (engine.verify if thoroughly else engine.check_readable)(directory)
    except Exception as error:  # noqa: BLE001 (still damaged: this process makes it anew)
        traceback.clear_frames(error.__traceback__)  # the file it failed on, closed now
        return False
    return True


@contextmanager
def searcher():
    """A searcher on the live index. Where requests are not the indexer, they leave a
    missing or damaged index to it and search an empty one meanwhile; where they are, they
    make it anew and apply a request's worth of changes first."""
    yield _searcher()


def _searcher() -> Searcher:
    engine, directory = live()
    try:
        if requests_index():
            open_index()
        elif not engine.exists(directory):
            return engine.empty_searcher()  # not made yet: no news
        return engine.searcher(directory)
    except SearchUnavailable:
        raise  # the search page says so (503); an empty index would say "no hits"
    except Exception as error:  # noqa: BLE001 (damage, whatever the backend says)
        traceback.clear_frames(error.__traceback__)  # see reset_index
        if not requests_index():
            log.warning("search index at %s cannot be read (%s)", directory, repr(error))
            return engine.empty_searcher()
        reset_index(error)
        apply_changes(limit=REQUEST_DRAIN_LIMIT)
        return engine.searcher(directory)


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


def _touched(batch: list[Change]) -> dict[int, set[int]]:
    """Per change of a batch, the materials whose documents it may have altered: with a
    changed material, its original. One query for the originals of the whole batch."""
    touched = {change.id: _materials_of(change) for change in batch}
    changed = {c.subject_id for c in batch if c.kind == ChangeKind.MATERIAL_CHANGED}
    originals = _originals_of(changed)
    for change in batch:
        if change.kind == ChangeKind.MATERIAL_CHANGED:
            touched[change.id] |= originals.get(change.subject_id, set())
    return touched


def _originals_of(material_ids: set[int]) -> dict[int, set[int]]:
    """Variant → its originals, for those of `material_ids` that are variants: an
    original's document counts its published variants' types, so a variant published,
    unpublished, hidden or removed changes its original's document too."""
    if not material_ids:
        return {}
    statement = select(MaterialVariant.variant_id, MaterialVariant.original_id).where(
        MaterialVariant.variant_id.in_(material_ids)
    )
    originals: dict[int, set[int]] = {}
    for variant_id, original_id in db.session.execute(statement):
        originals.setdefault(variant_id, set()).add(original_id)
    return originals


def write_documents(engine: Backend, writer: Writer, ids: set[int]) -> set[int]:
    """Bring the documents of `ids` in line with the database: the published written, the
    others dropped. Returns the ids whose documents could not be built (logged, left as
    they were), so that one bad material does not hold up the rest."""
    found, failed = documents_or_failures(ids, engine.prepared)
    for material_id in ids - failed:
        if material_id in found:
            writer.update(found[material_id])
        else:
            writer.delete(material_id)
    return failed


def documents_or_failures(ids: set[int], prepare) -> tuple[dict, set[int]]:
    """`documents(ids, prepare)`, and the ids whose documents could not be built or
    prepared (logged): when the batch fails, its materials are tried one by one."""
    try:
        return documents(ids, prepare), set()
    except Exception:  # noqa: BLE001 (any failure: find out which material it was)
        db.session.rollback()
    found, failed = {}, set()
    for material_id in sorted(ids):
        try:
            found.update(documents({material_id}, prepare))
        except Exception:  # noqa: BLE001 (logged; its change stays in the log)
            db.session.rollback()
            log.exception("search: material %s could not be indexed", material_id)
            failed.add(material_id)
    return found, failed


def apply_batch(batch: list[Change], *, wait: bool = False, forget: bool = True) -> set | None:
    """Write what a batch of changes names in one index commit, then (with `forget`) delete
    the rows of those applied, in a commit of their own. Returns the ids of the changes
    whose materials could not be indexed (their rows are kept), or None when another
    writer holds the index (with `wait`, after waiting 30 s for it)."""
    open_index()
    engine, directory = live()
    try:
        writer = engine.writer(directory, timeout=30 if wait else 0)
    except WriterBusy:
        return None
    try:
        # Read under the index's lock, so that no writer puts older documents over newer.
        touched = _touched(batch)
        failed_materials = write_documents(engine, writer, set().union(*touched.values()))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    failed = {change_id for change_id, ids in touched.items() if ids & failed_materials}
    if forget:
        # Only after the index holds them: a crash before this line repeats the work.
        changes.mark_applied(CONSUMER, [c.id for c in batch if c.id not in failed])
        db.session.commit()
    return failed


def apply_changes(*, limit: int | None = None, wait: bool = False) -> int:
    """Apply recorded changes in batches, one index commit per batch, at most `limit` of
    them. Returns how many were applied. Another process already writing means it will
    apply them: this call then returns 0 at once (or waits for it, with `wait`).

    The indexer's own unit of work: it commits what it applied, so it runs only where the
    caller's changes are committed (after a request, at the start of a search, in a CLI,
    in the worker)."""
    open_index()  # a missing or damaged index is made anew here, and its refill queued
    if rebuild_running():
        return 0  # applied to the live index only, a change would miss the one being built
    applied, failed = 0, set()
    while limit is None or applied < limit:
        size = DRAIN_BATCH if limit is None else min(DRAIN_BATCH, limit - applied)
        batch = changes.pending(CONSUMER, size, skip=failed)
        if not batch:
            break
        left = apply_batch(batch, wait=wait)
        if left is None:
            break
        failed |= left
        applied += len(batch) - len(left)
    return applied
