"""The rebuild's lock, which the indexer tests too: a file under INDEX_DIR locked with
flock, which the system lets go of when its process ends, however it ends."""

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import current_app
from whoosh.util.filelock import try_for

from share.rules import DomainError


class RebuildRunning(DomainError):
    """Another rebuild of the index is under way."""


def _rebuild_lock_path() -> Path:
    path = Path(current_app.config["INDEX_DIR"]) / "rebuild.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _flocked(lock, kind: int) -> bool:
    try:
        fcntl.flock(lock, kind | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextmanager
def only_rebuild() -> Iterator[None]:
    """Hold the rebuild lock. Raises RebuildRunning at once when another rebuild holds it:
    it would otherwise build a second index beside the first. (Tried for a moment, since
    `rebuild_running` holds it for an instant.)"""
    with _rebuild_lock_path().open("a") as lock:
        if not try_for(lambda: _flocked(lock, fcntl.LOCK_EX), timeout=0.5, delay=0.05):
            raise RebuildRunning(
                "A rebuild of the search index is already running; nothing was done. "
                "Wait for it to finish."
            )
        yield


def rebuild_running() -> bool:
    """Whether a rebuild holds its lock (tested with a shared lock, let go at once)."""
    with _rebuild_lock_path().open("a") as lock:
        return not _flocked(lock, fcntl.LOCK_SH)


@contextmanager
def making_index() -> Iterator[None]:
    """Hold the lock for making the index anew, waiting for another process that holds it:
    processes that find the index missing at the same moment make it one after another,
    and each after the first finds it made."""
    path = Path(current_app.config["INDEX_DIR"]) / "make-index.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
