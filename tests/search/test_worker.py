"""The indexer as production runs it: `flask search worker`, a process of its own, beside an
app whose requests only read the index. On SQLite (polled) and PostgreSQL (LISTEN/NOTIFY)."""

import copy
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import make_url

from share import create_app
from share.extensions import db as database
from share.vocabularies.models import CoreProcess
from tests.support.client import Browser
from tests.support.proxy import CuttableProxy
from tests.support.vocabularies import ids

ROOT = Path(__file__).resolve().parents[2]
STALLED = "Sökningen uppdateras inte just nu"


class Worker:
    """`flask search worker` on `url` and `index_dir`, its log in `log`."""

    def __init__(self, url: str, site_config, log: Path, *, until: str) -> None:
        self.log = log
        index_dir = site_config["INDEX_DIR"]
        env = {
            **os.environ,
            "DELA_ENV": "development",
            "DATABASE_URL": url,
            "INDEX_DIR": index_dir,
            "UPLOAD_DIR": site_config["UPLOAD_DIR"],
            "SEARCH_BACKEND": site_config["SEARCH_BACKEND"],
            "OPENSEARCH_HOSTS": ",".join(site_config["OPENSEARCH_HOSTS"]),
            "OPENSEARCH_INDEX_PREFIX": site_config["OPENSEARCH_INDEX_PREFIX"],
        }
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "flask", "--app", "share", "search", "worker"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while until not in self.output():
            assert self.process.poll() is None, self.output()
            assert time.monotonic() < deadline, "the worker did not start:\n" + self.output()
            time.sleep(0.1)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> int:
        """SIGTERM, and its exit status."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def site(db, app_config, tmp_path, search_backend):
    """An app on the test database that leaves indexing to the worker, with an index of
    its own (the other tests' app applies changes itself)."""
    config = copy.copy(app_config)
    config.SEARCH_INDEXER = "worker"
    config.SEARCH_BACKEND = search_backend
    config.INDEX_DIR = str(tmp_path / "index")
    config.UPLOAD_DIR = str(tmp_path / "uploads")
    Path(config.UPLOAD_DIR).mkdir()
    made = create_app(config)
    yield made
    with made.app_context():
        database.session.remove()
        database.engine.dispose()


@pytest.fixture
def start_worker(site, tmp_path):
    """Factory: start_worker(url=the site's database) starts a worker on the site's index."""
    started = []

    def start(url: str | None = None, until: str = "search worker indexing") -> Worker:
        """Started once its log says `until`."""
        started.append(
            Worker(
                url or site.config["SQLALCHEMY_DATABASE_URI"],
                site.config,
                tmp_path / f"worker-{len(started)}.log",
                until=until,
            )
        )
        return started[-1]

    yield start
    for worker in started:
        worker.kill()


@pytest.fixture
def teacher(site, db, make_user) -> Browser:
    user = make_user()
    browser = Browser(site.test_client())
    assert browser.sign_in(user.email).status_code == 302
    return browser


def publish(browser: Browser, title: str) -> None:
    form = {
        "kind": "method",
        "title": title,
        "summary": "Lekar på rasten.",
        "licence": "cc0-1.0",
        "core_process_ids": [str(ids(database, CoreProcess, "vardegrund")[0])],
        "action": "publish",
    }
    response = browser.post("/material/ny", form, token_from="/material/ny")
    assert response.status_code == 302, response.get_data(as_text=True)


def search_page(browser: Browser, text: str) -> str:
    return browser.client.get(f"/sok?q={text}").get_data(as_text=True)


def found_within(browser: Browser, text: str, title: str, seconds: float) -> float | None:
    """Seconds until the search page finds `title`, or None when it did not in time."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if title in search_page(browser, text):
            return time.monotonic() - started
        time.sleep(0.05)
    return None


def test_a_published_material_is_found_once_the_worker_has_it(teacher, start_worker, tmp_path):
    worker = start_worker()
    publish(teacher, "Kottebandy")
    # Requests do not index: only the worker can have made it searchable.
    assert found_within(teacher, "kottebandy", "Kottebandy", 10) is not None, worker.output()
    publish(teacher, "Pinnkull")
    assert found_within(teacher, "pinnkull", "Pinnkull", 10) is not None, worker.output()
    assert worker.stop() == 0
    assert "search worker stopped" in worker.output()
    assert "Traceback" not in worker.output()


def test_a_second_worker_waits_and_takes_over_when_the_first_stops(
    teacher, start_worker, search_backend
):
    if search_backend != "whoosh":
        pytest.skip("who indexes does not depend on the search engine")
    first = start_worker()
    second = start_worker(until="another one indexes")
    publish(teacher, "Kottebandy")
    assert found_within(teacher, "kottebandy", "Kottebandy", 10) is not None, first.output()
    assert "search worker indexing" not in second.output()
    assert first.stop() == 0
    deadline = time.monotonic() + 10
    while "search worker indexing" not in second.output():
        assert time.monotonic() < deadline, second.output()
        time.sleep(0.1)
    publish(teacher, "Pinnkull")
    assert found_within(teacher, "pinnkull", "Pinnkull", 10) is not None, second.output()
    assert STALLED not in search_page(teacher, "pinnkull")
    assert second.stop() == 0


def test_without_a_worker_search_and_readyz_say_search_is_not_updated(site, teacher, start_worker):
    publish(teacher, "Kottebandy")
    page = search_page(teacher, "kottebandy")
    assert STALLED in page and "Kottebandy" not in page
    ready = site.test_client().get("/readyz")
    assert ready.status_code == 200
    assert "search is not being updated right now" in ready.get_data(as_text=True)
    worker = start_worker()
    assert found_within(teacher, "kottebandy", "Kottebandy", 10) is not None, worker.output()
    assert STALLED not in search_page(teacher, "kottebandy")
    assert site.test_client().get("/readyz").get_data(as_text=True) == "ok\n"
    assert worker.stop() == 0


def test_the_worker_waits_out_a_database_that_goes_away(site, teacher, start_worker):
    url = make_url(site.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "postgresql":
        pytest.skip("a database server that goes away: PostgreSQL")
    proxy = CuttableProxy(url.port)
    try:
        worker = start_worker(url.set(port=proxy.port).render_as_string(hide_password=False))
        proxy.cut()
        publish(teacher, "Kottebandy")  # the site's own connection still reaches it
        deadline = time.monotonic() + 20
        while "the database is unavailable" not in worker.output():
            assert time.monotonic() < deadline, worker.output()
            time.sleep(0.1)
        assert worker.process.poll() is None
        proxy.restore()
        assert found_within(teacher, "kottebandy", "Kottebandy", 40) is not None, worker.output()
        assert worker.stop() == 0
    finally:
        proxy.close()
