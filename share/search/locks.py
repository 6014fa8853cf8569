"""The rebuild's lock, which the indexer tests too, and the lock for making a missing
index anew.

The rebuild's is a lease in the database (`share.search.leases`), so that a reindex on any
app machine sees one under way on another; its thread renews it while the rebuild runs,
and a rebuild killed mid-way holds it no longer than REBUILD_LEASE_SECONDS."""

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import current_app

from share.rules import DomainError
from share.search import leases

#: How long a rebuild's lease lasts unrenewed (it is renewed every third of it).
REBUILD_LEASE_SECONDS = 60


class RebuildRunning(DomainError):
    """Another rebuild of the index is under way."""


class RebuildLeaseLost(RuntimeError):
    """The rebuild could not renew its lease in time and another took it: it must not
    switch the index it built."""


@contextmanager
def only_rebuild() -> Iterator[leases.Lease]:
    """Hold the rebuild's lease, renewed from a thread while the block runs. Raises
    RebuildRunning at once when another rebuild holds it: it would otherwise build a
    second index beside the first."""
    lease = leases.take(leases.REBUILD, REBUILD_LEASE_SECONDS)
    if lease is None:
        running = leases.current(leases.REBUILD)
        since = f" ({leases.describe(running)})" if running is not None else ""
        raise RebuildRunning(
            f"A rebuild of the search index is already running{since}; nothing was done. "
            "Wait for it to finish."
        )
    try:
        with leases.Renewing(lease):
            yield lease
    finally:
        lease.release()


def rebuild_running() -> bool:
    """Whether a rebuild holds its lease."""
    return leases.current(leases.REBUILD) is not None


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
