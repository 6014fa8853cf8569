"""Whoosh, the default backend: pure Python, nothing to install, right for a municipality's
few thousand materials.

A searcher is kept open per thread from one search to the next and brought up to date,
which reopens only changed segments: opening every segment's term tables costs more than
most searches.
"""

import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import RamStorage
from whoosh.index import TOC, LockError
from whoosh.reading import MultiReader, SegmentReader
from whoosh.searching import Searcher as WhooshSearcher
from whoosh.util.filelock import try_for

from share.search.backends.base import Backend, Writer, WriterBusy
from share.search.backends.whoosh.pool import compress_runs
from share.search.backends.whoosh.schema import schema, whoosh_document
from share.search.backends.whoosh.scoring import LiveBM25F
from share.search.backends.whoosh.searching import Opened

#: Names an index among the ones that were in its directory before: generation numbers
#: start again in a new index, so they alone cannot tell a kept searcher it is stale.
IDENTITY_FILE = "dela-index-identity"
#: How often opening the index is tried when a file it was about to read is gone.
OPEN_ATTEMPTS = 3
#: How much memory a rebuild's writer may use for postings before it writes them to
#: temporary files (Whoosh's default).
REBUILD_LIMIT_MB = 128


class _Writer(Writer):
    def __init__(self, writer, *, merge: bool = True) -> None:
        self._writer, self._merge = writer, merge

    def add(self, document: dict) -> None:
        self._writer.add_document(**document)

    def update(self, document: dict) -> None:
        self._writer.update_document(**document)

    def delete(self, material_id: int) -> None:
        self._writer.delete_by_term("id", str(material_id))

    def commit(self) -> None:
        # A rebuild's writer does not merge: that would sort them all through the disk.
        self._writer.commit(merge=self._merge)

    def cancel(self) -> None:
        self._writer.cancel()


def opened(open_it):
    """`open_it()`, tried again when a file it read was gone: Whoosh lists the directory for
    the latest table of contents, then reads it, and a commit in another process between
    the two replaces it (and may merge segments away)."""
    for attempt in range(1, OPEN_ATTEMPTS + 1):
        try:
            return open_it()
        except FileNotFoundError:
            if attempt == OPEN_ATTEMPTS:
                raise


def _open(directory: Path):
    return opened(lambda: whoosh_index.open_dir(str(directory), schema=schema()))


class WhooshBackend(Backend):
    name = "whoosh"

    def __init__(self) -> None:
        self._kept = threading.local()

    def prepared(self, document: dict) -> dict:
        return whoosh_document(document)

    def exists(self, directory: Path) -> bool:
        # Unlike Whoosh's exists_in, reads nothing, which a commit may replace under it.
        return next(directory.glob("*.toc"), None) is not None

    def create(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        whoosh_index.create_in(str(directory), schema())
        (directory / IDENTITY_FILE).write_text(uuid.uuid4().hex)

    def check_readable(self, directory: Path) -> None:
        opened(lambda: whoosh_index.open_dir(str(directory), schema=schema()).doc_count())

    def verify(self, directory: Path) -> None:
        # A searcher opens every segment.
        _open(directory).searcher().close()

    def writer(self, directory: Path, *, timeout: float = 0) -> Writer:
        try:
            return _Writer(_open(directory).writer(timeout=timeout))
        except LockError as error:
            raise WriterBusy(str(directory)) from error

    def bulk_writer(self, directory: Path) -> Writer:
        # Not compound: assembling a segment's files into one copies the whole segment.
        writer = _open(directory).writer(limitmb=REBUILD_LIMIT_MB, compound=False)
        compress_runs(writer)
        return _Writer(writer, merge=False)

    @contextmanager
    def held(self, directory: Path, timeout: float):
        lock = _open(directory).lock("WRITELOCK")
        if not try_for(lock.acquire, timeout=timeout, delay=0.05):
            raise WriterBusy(str(directory))
        try:
            yield
        finally:
            lock.release()

    def searcher(self, directory: Path) -> Opened:
        identity = _identity(directory)
        kept = getattr(self._kept, "searcher", None)
        searcher = None
        if kept is not None and identity is not None and self._kept.identity == identity:
            try:
                searcher = _up_to_date(self._kept.index, kept)
            except Exception:  # noqa: BLE001 (the index changed under it; open it anew)
                kept.close()
        elif kept is not None:
            kept.close()
        if searcher is None:
            self._kept.searcher = None
            index = _open(directory)
            self._kept.index, searcher = index, index.searcher(weighting=LiveBM25F())
            identity = _identity(directory)
        self._kept.searcher, self._kept.identity = searcher, identity
        return Opened(searcher)

    def empty_searcher(self) -> Opened:
        return Opened(RamStorage().create_index(schema()).searcher(weighting=LiveBM25F()))


def _identity(directory: Path) -> str | None:
    try:
        return (directory / IDENTITY_FILE).read_text()
    except OSError:
        return None


def _up_to_date(index, kept: WhooshSearcher) -> WhooshSearcher:
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
    return WhooshSearcher(
        MultiReader(readers, generation=toc.generation), fromindex=index, weighting=LiveBM25F()
    )
