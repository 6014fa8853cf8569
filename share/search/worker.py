"""The search indexer: one loop, in a process of its own (`flask search worker`), that
applies the change log to the index in batches as soon as changes are committed.

It wakes on PostgreSQL's notification of a committed change (`share.changes`), asking the
table anyway every few seconds in case one was missed; on SQLite, which cannot notify, it
asks the table a few times a second (an indexed query for the oldest rows). Web
processes only read the index.

One worker of the whole install indexes: it holds the INDEXER lease
(`share.search.leases`), and others started beside it, on this machine or another, wait
to take over when it stops or its lease lapses. Its renewals are its sign of life, which
the search page and /readyz read (`upkeep.indexer_silent`).
"""

import logging
import threading
import time
from contextlib import suppress

import psycopg
from flask import Flask, current_app
from sqlalchemy import exc as sql_errors
from sqlalchemy import make_url

from share import changes
from share.extensions import db
from share.search import leases
from share.search.backends.base import SearchUnavailable
from share.search.index import CONSUMER, DRAIN_BATCH, apply_batch, open_index, reset_index
from share.search.location import index_dir, live
from share.search.locks import rebuild_running

log = logging.getLogger(__name__)

#: How often the worker opens the whole index afresh, so that a damaged segment is found
#: (a segment already open stays readable to it when its file is replaced).
VERIFY_SECONDS = 60
#: How long a change whose material could not be indexed waits before it is tried again.
RETRY_FAILED_SECONDS = 300
#: The longest wait between attempts while the database cannot be reached.
MAX_BACKOFF_SECONDS = 30
#: What the worker takes for the database (or its connection) being away: it waits and
#: tries again rather than stopping.
UNAVAILABLE = (sql_errors.DBAPIError, sql_errors.TimeoutError, psycopg.Error)
#: How many times in SEARCH_INDEXER_SILENCE_SECONDS the worker renews its lease.
RENEWALS_PER_LEASE = 6


class Replaced(Exception):
    """The worker's lease lapsed (it was stalled) and another worker took it."""


class Indexer:
    """The loop: `run()` until `stop` is set. Meant for the main thread of a process of its
    own; one indexes for the whole install, others wait for its lease."""

    def __init__(self, app: Flask, stop: threading.Event) -> None:
        self.app, self.stop = app, stop
        #: Change id → when it failed: left aside until RETRY_FAILED_SECONDS have passed.
        self.held: dict[int, float] = {}
        #: While a rebuild runs: the last change applied to the live index and kept.
        self.kept_up_to = 0
        self.verified = 0.0
        self.listener: psycopg.Connection | None = None
        self.lease: leases.Lease | None = None
        self.renewed = 0.0

    def run(self) -> None:
        with self.app.app_context():
            backoff = 0.0
            while not self.stop.is_set():
                try:
                    if not self._take_lease():
                        break
                    self._listen()
                    self.catch_up()
                    backoff = 0.0
                    self._wait()
                except Replaced:
                    log.warning("search worker: another worker took over; waiting for it")
                    self.lease = None
                    self._forget_connections()
                except UNAVAILABLE as error:
                    backoff = self._back_off(backoff, "the database is unavailable", error)
                except SearchUnavailable as error:
                    backoff = self._back_off(backoff, "the search server is unavailable", error)
                except Exception as error:
                    backoff = self._back_off(backoff, "indexing failed", error, failure=True)
            self._forget_connections()
            if self.lease is not None:
                with suppress(Exception):  # unreleased, it lapses
                    self.lease.release()
        log.info("search worker stopped")

    def _back_off(
        self, backoff: float, what: str, error: Exception, *, failure: bool = False
    ) -> float:
        """After an error: say so, let go of the connections and wait, twice as long as
        the last time in a row (up to MAX_BACKOFF_SECONDS); returns the wait. Something
        away is one line; a `failure` is logged with its traceback."""
        backoff = min(max(backoff * 2, 0.5), MAX_BACKOFF_SECONDS)
        if failure:
            log.exception("search worker: %s; trying again in %.1f s", what, backoff)
        else:
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else error
            log.warning("search worker: %s (%s); trying again in %.1f s", what, first_line, backoff)
        self._forget_connections()
        self.stop.wait(backoff)
        return backoff

    def _take_lease(self) -> bool:
        """Hold the INDEXER lease, waiting while another worker holds it; False when told
        to stop first."""
        waiting = False
        while self.lease is None and not self.stop.is_set():
            self.lease = leases.take(leases.INDEXER, self._lease_seconds())
            if self.lease is not None:
                self.renewed = time.monotonic()
                log.info("search worker indexing %s", index_dir())
            elif not waiting:
                holder = leases.current(leases.INDEXER)
                log.warning(
                    "search worker: another one indexes (%s); waiting",
                    leases.describe(holder) if holder is not None else "its lease just ended",
                )
                waiting = True
                self.stop.wait(1)
            else:
                self.stop.wait(1)
        return self.lease is not None

    def _lease_seconds(self) -> float:
        return current_app.config["SEARCH_INDEXER_SILENCE_SECONDS"]

    def beat(self) -> None:
        """A sign of life: renew the lease, a few times in its length. Raises Replaced
        when it was lost meanwhile."""
        if time.monotonic() - self.renewed < self._lease_seconds() / RENEWALS_PER_LEASE:
            return
        if not self.lease.renew():
            raise Replaced
        self.renewed = time.monotonic()

    def catch_up(self) -> int:
        """Apply every pending change (but those left aside), a batch at a time; returns
        how many. While a rebuild runs they are applied to the live index but kept in the
        log, for the index that replaces it."""
        self.beat()
        self._verify()
        now, applied = time.monotonic(), 0
        self.held = {i: t for i, t in self.held.items() if now - t < RETRY_FAILED_SECONDS}
        while not self.stop.is_set():
            rebuilding = rebuild_running()
            if not rebuilding:
                self.kept_up_to = 0  # what was kept is applied again, to the index now live
            batch = changes.pending(
                CONSUMER, DRAIN_BATCH, after=self.kept_up_to, skip=list(self.held)
            )
            if not batch:
                break
            failed = apply_batch(batch, wait=True, forget=not rebuilding)
            if failed is None:
                break  # the index lock is busy (a rebuild switching): next time
            self.held.update((change_id, time.monotonic()) for change_id in failed)
            if rebuilding:
                self.kept_up_to = batch[-1].id
            applied += len(batch) - len(failed)
            db.session.expunge_all()  # a big backlog's materials need not stay in memory
            self.beat()
        # No transaction left open while waiting: PostgreSQL would hold its snapshot, and
        # SQLite could not checkpoint its write-ahead log.
        db.session.close()
        return applied

    def _verify(self) -> None:
        """Open the index (a missing one is made anew and queued) and, now and then, every
        segment of it (a damaged one makes it anew too)."""
        open_index()
        if time.monotonic() - self.verified < VERIFY_SECONDS:
            return
        try:
            engine, directory = live()
            engine.verify(directory)
        except Exception as error:  # noqa: BLE001 (any damage means the same: start again)
            reset_index(error)
        self.verified = time.monotonic()

    def _listen(self) -> None:
        """On PostgreSQL, a connection of its own that LISTENs for committed changes;
        made before the change log is read, so nothing committed after that is missed."""
        if self.listener is not None or db.engine.dialect.name != "postgresql":
            return
        url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).set(drivername="postgresql")
        self.listener = psycopg.connect(
            url.render_as_string(hide_password=False), autocommit=True, connect_timeout=5
        )
        self.listener.execute(f"LISTEN {changes.NOTIFY_CHANNEL}")

    def _wait(self) -> None:
        """Until a change may be pending, or the worker is to stop; a sign of life a second."""
        poll = current_app.config["SEARCH_WORKER_POLL_SECONDS"]
        if self.listener is None:
            self.stop.wait(poll)
            return
        deadline = time.monotonic() + current_app.config["SEARCH_WORKER_SAFETY_POLL_SECONDS"]
        while not self.stop.is_set() and time.monotonic() < deadline:
            for _ in self.listener.notifies(timeout=1.0, stop_after=1):
                return
            self.beat()

    def _forget_connections(self) -> None:
        with suppress(Exception):
            db.session.rollback()
        db.session.remove()
        if self.listener is not None:
            with suppress(Exception):
                self.listener.close()
            self.listener = None
