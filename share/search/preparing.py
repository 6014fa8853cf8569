"""A rebuild's documents, built from the database and put in the backend's terms, batch by
batch: in child processes when SEARCH_REBUILD_PROCESSES says more than one, so that a big
install's rebuild uses every core while the one writer only adds what they prepared.

Children are spawned (not forked: the parent may hold threads and open connections), each
with an app of its own on the same settings, and kept a few batches ahead of the writer,
so memory stays bounded whatever the number of materials.
"""

from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from multiprocessing import get_context
from types import SimpleNamespace

from flask import current_app

from share.extensions import db
from share.search.backends import backend
from share.search.backends.base import Backend
from share.search.index import DRAIN_BATCH, documents_or_failures

#: Materials per batch, and so per child's task.
BATCH = DRAIN_BATCH
#: Batches a child may be ahead of the writer.
AHEAD = 2

#: (the batch's ids, id → its prepared document for the published ones, ids that failed)
Prepared = tuple[list[int], dict[int, object], set[int]]


def prepared_batches(ids: list[int], engine: Backend) -> Iterator[Prepared]:
    """The prepared documents of `ids`, batch by batch, in order."""
    batches = [ids[start : start + BATCH] for start in range(0, len(ids), BATCH)]
    processes = current_app.config["SEARCH_REBUILD_PROCESSES"]
    if processes <= 1 or len(batches) < 2:
        for batch in batches:
            yield prepare(engine, batch)
        return
    settings = {name: value for name, value in current_app.config.items() if name.isupper()}
    with ProcessPoolExecutor(
        processes, mp_context=get_context("spawn"), initializer=_start, initargs=(settings,)
    ) as pool:
        waiting = iter(batches)
        running = deque(
            pool.submit(_prepare_in_child, engine.name, batch)
            for batch in islice(waiting, processes * AHEAD)
        )
        while running:
            done = running.popleft().result()
            following = next(waiting, None)
            if following is not None:
                running.append(pool.submit(_prepare_in_child, engine.name, following))
            yield done


def prepare(engine: Backend, batch: list[int]) -> Prepared:
    ready, failed = documents_or_failures(set(batch), engine.prepared)
    # No read transaction or loaded material outlives its batch.
    db.session.close()
    return batch, ready, failed


def _start(settings: dict) -> None:
    """A child's app, its context pushed for the child's life."""
    from share import create_app  # the app package imports this module

    create_app(SimpleNamespace(**settings)).app_context().push()


def _prepare_in_child(backend_name: str, batch: list[int]) -> Prepared:
    return prepare(backend(backend_name), batch)
