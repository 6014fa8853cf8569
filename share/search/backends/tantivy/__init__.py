"""tantivy: an embedded search engine in Rust (its official Python bindings), for installs
past a few thousand materials. Like Whoosh it is files in a directory, with one writer at a
time across processes; it builds and searches tens of times faster.
"""

import threading
import time
from contextlib import contextmanager
from pathlib import Path

import tantivy

from share.search.backends.base import Backend, Writer, WriterBusy
from share.search.backends.tantivy.schema import NUMBER, prepared, schema, tantivy_document
from share.search.backends.tantivy.searching import Opened

#: The file tantivy commits by replacing: its modification time says a searcher is stale.
META_FILE = "meta.json"
#: A batch's writer: one thread, tantivy's smallest comfortable memory budget.
BATCH_HEAP_BYTES = 50_000_000
#: A rebuild's writer: room for a part's documents (below) on each thread.
BULK_HEAP_BYTES = 400_000_000
BULK_THREADS = 2
#: A rebuild's writer commits after each this many documents, without waiting for merges:
#: a commit makes a segment per thread, and tantivy merges each eight of a size into one in
#: the background (its log merge policy). A rebuild's index so ends in segments of about
#: 50,000 materials, few for searches to walk, and no merge copies more than that at a
#: time: with one commit at the end, 100,000 materials became one segment, searched a
#: fifth faster, but the directory grew to 2.3 times the index while it was made.
BULK_PART_DOCUMENTS = 12_500
#: How long waiting for another writer sleeps between attempts.
WRITER_RETRY_SECONDS = 0.05


class _Writer(Writer):
    def __init__(self, writer: tantivy.IndexWriter, *, bulk: bool = False) -> None:
        self._writer, self._bulk, self._added = writer, bulk, 0

    def add(self, document: dict) -> None:
        self._writer.add_document(tantivy_document(document))
        self._added += 1
        if self._bulk and self._added % BULK_PART_DOCUMENTS == 0:
            self._writer.commit()

    def update(self, document: dict) -> None:
        self.delete(document[NUMBER])
        self.add(document)

    def delete(self, material_id: int) -> None:
        self._writer.delete_documents_by_term("id", str(material_id))

    def commit(self) -> None:
        self._writer.commit()
        if self._bulk:
            # The merges of what a rebuild wrote finish before it is switched to.
            self._writer.wait_merging_threads()
        self._close()

    def cancel(self) -> None:
        self._writer.rollback()
        self._close()

    def _close(self) -> None:
        # The lock goes with the writer object.
        self._writer = None


def _lock_busy(error: ValueError) -> bool:
    return "LockBusy" in str(error)


class TantivyBackend(Backend):
    name = "tantivy"
    # Its writer flushes a segment whenever its heap fills, and commits its parts without
    # waiting for their merges (`BULK_PART_DOCUMENTS`); a writer per part would stop the
    # build while each part's merges finished.
    one_bulk_writer = True

    def __init__(self) -> None:
        #: Directory → (the index, the modification time of its meta file when last read).
        self._opened: dict[Path, tuple[tantivy.Index, int]] = {}
        self._lock = threading.Lock()

    def prepared(self, document: dict) -> dict:
        return prepared(document)

    def exists(self, directory: Path) -> bool:
        return (directory / META_FILE).exists()

    def create(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        tantivy.Index(schema(), path=str(directory), reuse=False)

    def check_readable(self, directory: Path) -> None:
        tantivy.Index.open(str(directory)).searcher()

    def writer(self, directory: Path, *, timeout: float = 0) -> Writer:
        return _Writer(self._writer(directory, BATCH_HEAP_BYTES, 1, timeout))

    def bulk_writer(self, directory: Path) -> Writer:
        return _Writer(self._writer(directory, BULK_HEAP_BYTES, BULK_THREADS, 0), bulk=True)

    def _writer(self, directory: Path, heap: int, threads: int, timeout: float):
        index = tantivy.Index.open(str(directory))
        deadline = time.monotonic() + timeout
        while True:
            try:
                return index.writer(heap_size=heap, num_threads=threads)
            except ValueError as error:
                if not _lock_busy(error):
                    raise
                if time.monotonic() >= deadline:
                    raise WriterBusy(str(directory)) from error
                time.sleep(WRITER_RETRY_SECONDS)

    @contextmanager
    def held(self, directory: Path, timeout: float):
        writer = self._writer(directory, BATCH_HEAP_BYTES, 1, timeout)
        try:
            yield
        finally:
            writer.rollback()
            del writer

    def searcher(self, directory: Path) -> Opened:
        changed = (directory / META_FILE).stat().st_mtime_ns
        with self._lock:
            index, seen = self._opened.get(directory, (None, None))
            if index is None:
                # The index of a directory no longer live is let go.
                self._opened.clear()
                index = tantivy.Index.open(str(directory))
            elif seen != changed:
                index.reload()
            self._opened[directory] = (index, changed)
        return Opened(index.searcher())

    def empty_searcher(self) -> Opened:
        return Opened(tantivy.Index(schema()).searcher())
