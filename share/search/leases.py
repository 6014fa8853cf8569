"""Leases: roles in search that one process of the whole install holds at a time, as rows
of `search_lease` that every app machine sees.

- INDEXER: the one `flask search worker` that applies the change log. Its renewals are its
  sign of life, which the search page and /readyz read.
- REBUILD: a `flask search reindex` under way; a second one refuses, and the indexer keeps
  the changes it applies meanwhile for the index being built.

A lease is taken by an insert that the primary key lets only one process win, renewed by
its holder while it works, and lapses when the holder stops renewing: a killed process or
a lost machine leaves no lock behind for longer than the lease. A holder on this machine
whose process is gone lets go at once.

Leases are written on connections of their own, committed at once: they say who works
now, whatever the caller's transaction does later. Times are the app machines' clocks
(kept by NTP), compared in UTC.
"""

import logging
import os
import secrets
import socket
import threading
from datetime import datetime, timedelta

from sqlalchemy import Engine, Row, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from share.database import utcnow
from share.extensions import db
from share.search.models import SearchLease

log = logging.getLogger(__name__)

INDEXER = "indexer"
REBUILD = "rebuild"

_TABLE = SearchLease.__table__


class Lease:
    """One taking of the lease `name` by this process, until it lapses or is released."""

    def __init__(self, engine: Engine, name: str, holder: str, seconds: float) -> None:
        self.engine, self.name, self.holder, self.seconds = engine, name, holder, seconds
        self._lost = False

    @property
    def lost(self) -> bool:
        """Whether a renewal found the lease gone to another holder (it had lapsed)."""
        return self._lost

    def renew(self) -> bool:
        """Push the expiry on by the lease's length; False when it is no longer ours."""
        now = utcnow()
        with self.engine.begin() as connection:
            renewed = connection.execute(
                update(_TABLE)
                .where(_TABLE.c.name == self.name, _TABLE.c.holder == self.holder)
                .values(renewed_at=now, expires_at=now + timedelta(seconds=self.seconds))
            ).rowcount
        if not renewed:
            self._lost = True
        return bool(renewed)

    def release(self) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                delete(_TABLE).where(_TABLE.c.name == self.name, _TABLE.c.holder == self.holder)
            )


def take(name: str, seconds: float) -> Lease | None:
    """Take the lease `name` for `seconds`, or None when another holder has it."""
    engine = db.engine
    _forget_lapsed(engine, name)
    now = utcnow()
    holder = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
    try:
        with engine.begin() as connection:
            connection.execute(
                insert(_TABLE).values(
                    name=name,
                    holder=holder,
                    taken_at=now,
                    renewed_at=now,
                    expires_at=now + timedelta(seconds=seconds),
                )
            )
    except IntegrityError:
        return None
    return Lease(engine, name, holder, seconds)


def current(name: str) -> Row | None:
    """The lease `name`'s row (holder, taken_at, …) while someone holds it, unlapsed."""
    with db.engine.connect() as connection:
        row = connection.execute(select(_TABLE).where(_TABLE.c.name == name)).first()
    if row is None or _aware(row.expires_at) <= utcnow():
        return None
    return row


def describe(row: Row) -> str:
    """Since when and where a lease is held, for a message to an operator."""
    return f"since {_aware(row.taken_at):%Y-%m-%d %H:%M} UTC, on {row.holder.split(':')[0]}"


def _forget_lapsed(engine: Engine, name: str) -> None:
    """Delete the lease `name` when it has lapsed, or its holder was a process of this
    machine that is gone (a worker killed and started again need not wait it out)."""
    with engine.begin() as connection:
        row = connection.execute(select(_TABLE).where(_TABLE.c.name == name)).first()
        if row is None:
            return
        if _aware(row.expires_at) > utcnow() and not _gone_from_here(row.holder):
            return
        log.info("search lease %s: %s let it lapse; taking it", name, row.holder)
        connection.execute(
            delete(_TABLE).where(_TABLE.c.name == name, _TABLE.c.holder == row.holder)
        )


def _gone_from_here(holder: str) -> bool:
    host, _, rest = holder.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # a process of another user: alive
        return False
    return False


def _aware(moment: datetime) -> datetime:
    """SQLite gives back the stored UTC time without its zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)


class Renewing:
    """Renews `lease` from a thread of its own every third of its length, until stopped:
    for a holder whose work (a rebuild) has no natural moment to renew it."""

    def __init__(self, lease: Lease) -> None:
        self.lease = lease
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lease-{lease.name}", daemon=True)

    def __enter__(self) -> Lease:
        self._thread.start()
        return self.lease

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.lease.seconds / 3):
            try:
                if not self.lease.renew():
                    log.error("search lease %s was lost to another holder", self.lease.name)
                    return
            except Exception:  # noqa: BLE001 (the database away a moment: try next time)
                log.warning("search lease %s could not be renewed", self.lease.name, exc_info=True)
