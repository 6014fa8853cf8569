"""The indexer's and a rebuild's leases, in the database every app machine shares: one
holder at a time, lapsing when the holder stops renewing, and gone at once with a holder
process of this machine that is gone."""

import socket
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from sqlalchemy import insert, update

from share.database import utcnow
from share.search import leases
from share.search.models import SearchLease
from share.search.upkeep import indexer_silent


@pytest.fixture(autouse=True)
def _one_backend(search_backend):
    """Leases live in the database: once, not once per search engine."""
    if search_backend != "whoosh":
        pytest.skip("the leases do not depend on the search engine")


def held_elsewhere(db, name: str, *, host: str = "other-machine", expires_in: float = 30):
    """A lease row as another machine's process leaves it."""
    now = utcnow()
    db.session.execute(
        insert(SearchLease).values(
            name=name,
            holder=f"{host}:4242:cafe",
            taken_at=now,
            renewed_at=now,
            expires_at=now + timedelta(seconds=expires_in),
        )
    )
    db.session.commit()


def test_one_holder_at_a_time_until_it_lets_go(db):
    first = leases.take(leases.REBUILD, 30)
    assert first is not None
    assert leases.take(leases.REBUILD, 30) is None
    assert leases.take(leases.INDEXER, 30) is not None  # another role, another lease
    first.release()
    assert leases.take(leases.REBUILD, 30) is not None


def test_a_lapsed_lease_is_taken_and_its_old_holder_learns_it_lost_it(db):
    stalled = leases.take(leases.INDEXER, 0.3)
    assert leases.current(leases.INDEXER) is not None
    time.sleep(0.5)
    assert leases.current(leases.INDEXER) is None
    newer = leases.take(leases.INDEXER, 30)
    assert newer is not None
    assert stalled.renew() is False and stalled.lost
    stalled.release()  # lets go of nothing: the lease is the newer holder's
    assert leases.current(leases.INDEXER).holder == newer.holder
    assert newer.renew() is True and not newer.lost


def test_another_machines_lease_holds_until_it_lapses(db):
    held_elsewhere(db, leases.REBUILD)
    assert leases.take(leases.REBUILD, 30) is None
    db.session.execute(update(SearchLease).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert leases.take(leases.REBUILD, 30) is not None


def test_a_holder_of_this_machine_that_is_gone_lets_go_at_once(db):
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    now = utcnow()
    db.session.execute(
        insert(SearchLease).values(
            name=leases.INDEXER,
            holder=f"{socket.gethostname()}:{int(ended.stdout)}:beef",
            taken_at=now,
            renewed_at=now,
            expires_at=now + timedelta(seconds=300),
        )
    )
    db.session.commit()
    assert leases.take(leases.INDEXER, 30) is not None


def test_renewing_keeps_a_lease_past_its_length(db):
    lease = leases.take(leases.REBUILD, 0.6)
    with leases.Renewing(lease):
        time.sleep(1.5)
        assert leases.current(leases.REBUILD) is not None
    assert not lease.lost
    time.sleep(0.8)
    assert leases.current(leases.REBUILD) is None


def test_search_is_said_not_updated_while_no_indexer_holds_its_lease(db):
    assert indexer_silent()
    lease = leases.take(leases.INDEXER, 0.5)
    assert not indexer_silent()
    time.sleep(0.7)  # it stopped renewing: killed, or its machine gone
    assert indexer_silent()
    lease.renew()
    assert not indexer_silent()


def test_a_reindex_refuses_while_another_machine_rebuilds(db, runner):
    held_elsewhere(db, leases.REBUILD)
    refused = runner.invoke(args=["search", "reindex"])
    assert refused.exit_code == 1
    assert "already running" in refused.output and "other-machine" in refused.output
    assert "Traceback" not in refused.output
    db.session.execute(update(SearchLease).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    again = runner.invoke(args=["search", "reindex"])
    assert again.exit_code == 0, again.output
    assert leases.current(leases.REBUILD) is None  # let go when done
