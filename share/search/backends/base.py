"""What every search backend does, in Dela's terms.

The rest of Dela sees an index only through these: documents (share/search/documents.py)
go in and come out as stored fields; a query (share/search/nodes.py) is built once from
the words typed, with the backend's lexicon answering what the index holds; filters and
facet counts are by the facets' names (share/search/facets.py). Where the index lives and
which backend it belongs to is share/search/location.py's.
"""

import shutil
from abc import ABC, abstractmethod
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path


class WriterBusy(Exception):
    """Another writer holds the index."""


class SearchUnavailable(Exception):
    """The index's server cannot be reached (or does not answer in time): search is down
    for now, not damaged, and the rest of the site works without it."""


@dataclass
class Found:
    #: Hits with every filter applied.
    total: int
    #: The facet counts (`counts`), or their future where the backend counts them while
    #: the caller reads the page's materials.
    counting: dict[str, dict[str, int]] | Future
    #: The stored fields (share/search/fields.py) of the hits asked for, in order.
    stored: list[dict]

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        """Facet → value → how many hits choosing that value would give: counted over the
        hits with the *other* facets' filters, so each facet's values can be combined."""
        if isinstance(self.counting, Future):
            return self.counting.result()
        return self.counting


class Writer(ABC):
    """Changes to an index, seen by searchers only once committed; one at a time per index
    (across processes). Documents come as the backend's `prepared` made them."""

    @abstractmethod
    def add(self, document) -> None:
        """Add a document known not to be in the index (a rebuild's)."""

    @abstractmethod
    def update(self, document) -> None:
        """Put `document` in place of the one with its id, if any."""

    @abstractmethod
    def delete(self, material_id: int) -> None: ...

    @abstractmethod
    def commit(self) -> None: ...

    @abstractmethod
    def cancel(self) -> None:
        """Drop what was written since the last commit, and the lock."""


class Lexicon(ABC):
    """What the index holds, for building a query and for "Menade du"."""

    @abstractmethod
    def doc_frequency(self, field: str, text: str) -> int:
        """How many documents have `text` as a term of `field`."""

    @abstractmethod
    def words_beginning(self, field: str, prefix: str, limit: int | None = None) -> dict[str, int]:
        """The terms of `field` that begin with `prefix`, with their document frequencies;
        with a `limit`, only that many of the most frequent (of equal ones, the first in
        alphabetical order)."""

    @abstractmethod
    def words_near(self, field: str, word: str, distance: int, prefix: int) -> dict[str, int]:
        """The terms of `field` at most `distance` edits from `word` that share its first
        `prefix` letters, with their document frequencies."""

    def prepare(self, rehearse: Callable[[], object]) -> None:  # noqa: B027 (most need none)
        """Get ready for the questions `rehearse()` asks of this lexicon, where asking them
        one at a time costs (a server's round trips): the calls after this answer them
        without asking. Where each answer is cheap (an index on disk), nothing."""


class Searcher(Lexicon):
    """One view of an index: what it held when the searcher was opened."""

    @abstractmethod
    def find(self, query, filters: dict[str, list[str]], sort: str, start: int, stop: int) -> Found:
        """Hits `start`..`stop` of `query` with `filters` (within a facet the values are
        alternatives, across facets all must hold), in the order `sort` ("relevance", or a
        key of share/search/fields.py's SORT_FIELDS), and every facet's counts."""

    @abstractmethod
    def total(self, query, filters: dict[str, list[str]]) -> int:
        """How many documents `query` finds with `filters`."""

    @abstractmethod
    def titles(self, prefixes: list[str], limit: int) -> list[int]:
        """Ids of documents whose title has, for each of `prefixes`, a term beginning so."""

    @abstractmethod
    def digests(self) -> dict[int, str]:
        """Every document's id and digest."""


class Backend(ABC):
    #: The name SEARCH_BACKEND and `flask search reindex --backend` know it by.
    name: str
    #: Whether a bulk writer bounds its own memory and temporary disk, flushing as it fills,
    #: however much it is given: a rebuild then fills the new index through one writer.
    #: Otherwise it takes a writer per SEARCH_REBUILD_SEGMENT_MATERIALS materials.
    one_bulk_writer: bool = False

    @abstractmethod
    def prepared(self, document: dict):
        """A document (share/search/documents.py) as this backend's writers take it, in
        values that can be pickled: a rebuild prepares documents in other processes."""

    @abstractmethod
    def exists(self, directory: Path) -> bool:
        """Whether an index of this backend has been made in `directory`."""

    @abstractmethod
    def create(self, directory: Path) -> None:
        """An empty index in `directory` (made if missing)."""

    def remove(self, directory: Path) -> None:
        """Delete the index in `directory`, whatever state it is in."""
        shutil.rmtree(directory, ignore_errors=True)

    @abstractmethod
    def check_readable(self, directory: Path) -> None:
        """Raise unless the index in `directory` can be opened and read."""

    def verify(self, directory: Path) -> None:
        """Raise unless every part of the index in `directory` can be read: more thorough,
        and dearer, than `check_readable`."""
        self.check_readable(directory)

    @abstractmethod
    def writer(self, directory: Path, *, timeout: float = 0) -> Writer:
        """The index's one writer, waiting up to `timeout` seconds for another to finish;
        raises WriterBusy when it does not."""

    @abstractmethod
    def bulk_writer(self, directory: Path) -> Writer:
        """A writer for filling a new index, which no one else writes."""

    @abstractmethod
    def held(self, directory: Path, timeout: float) -> AbstractContextManager[None]:
        """The index's write lock, held for the block: no writer is half-way into it.
        Raises WriterBusy when it cannot be had within `timeout` seconds."""

    @abstractmethod
    def searcher(self, directory: Path) -> Searcher:
        """A searcher on the index's latest commit. May keep one per thread and bring it up
        to date. Raises when the index cannot be read."""

    @abstractmethod
    def empty_searcher(self) -> Searcher:
        """A searcher on an empty index: what a missing index is searched as."""

    def live_name(self) -> str | None:
        """The name of the live index's directory, where the backend itself knows it (a
        server several machines share); None where the pointer file alone says."""
        return None

    def make_live(self, directory: Path) -> None:
        """Tell the backend that `directory` is now the live index, where it keeps that
        itself (see `live_name`)."""
        return None
