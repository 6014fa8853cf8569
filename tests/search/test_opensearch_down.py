"""An OpenSearch node that cannot be reached: search answers 503 in words, everything else
works (publishing and adding files too: their changes wait in the log; downloads), and
search comes back with it."""

import copy
import os
import socket
import time
import uuid
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from share import create_app
from share.changes import Change
from share.extensions import db as database
from share.materials.models import Material, MaterialStatus
from tests.support.builders import text_file
from tests.support.client import Browser, answered_within
from tests.support.materials import publish_material
from tests.support.nodes import start_search_worker
from tests.support.opensearch import delete_indices
from tests.support.proxy import CuttableProxy
from tests.support.servers import stop

UNAVAILABLE = "Sökningen är inte tillgänglig just nu. Försök igen om en stund — allt annat på Dela"


@pytest.fixture(autouse=True)
def only_on_opensearch(search_backend):
    if search_backend != "opensearch":
        pytest.skip("a search server to lose is OpenSearch's")


def app_on_opensearch_at(app_config, tmp_path_factory, url: str):
    """An app on the tests' database whose OpenSearch is at `url`, with indexes (and an
    INDEX_DIR) of its own."""
    config = copy.copy(app_config)
    config.SEARCH_BACKEND = "opensearch"
    config.OPENSEARCH_HOSTS = (url,)
    config.OPENSEARCH_INDEX_PREFIX = f"dela-test-{uuid.uuid4().hex[:12]}-"
    config.INDEX_DIR = str(tmp_path_factory.mktemp("index"))
    return create_app(config)


@pytest.fixture
def app_behind_proxy(opensearch_url, app_config, tmp_path_factory):
    """(An app whose OpenSearch requests go through a proxy the test can cut, that proxy):
    the node "stops" for this app alone, not for the other tests."""
    proxy = CuttableProxy(urlsplit(opensearch_url).port)
    app = app_on_opensearch_at(app_config, tmp_path_factory, f"http://127.0.0.1:{proxy.port}")
    yield app, proxy
    proxy.close()
    delete_indices(opensearch_url, app.config["OPENSEARCH_INDEX_PREFIX"])
    with app.app_context():
        database.session.remove()
        database.engine.dispose()


def test_a_node_away_stops_search_alone_and_search_comes_back_with_it(app_behind_proxy, make_user):
    app, proxy = app_behind_proxy
    user = make_user()
    browser = Browser(app.test_client())
    assert browser.sign_in(user.email).status_code == 302
    published = publish_material(user, "Rastlekar", "Vi leker på rasten.")
    draft = publish_material(user, "Högläsning i förskolan", "Vi läser högt.", draft=True)
    assert "Rastlekar" in browser.client.get("/sok?q=leker").get_data(as_text=True)

    proxy.cut()
    page = browser.client.get("/sok?q=leker")
    assert page.status_code == 503 and page.headers["Retry-After"] == "30"
    html = page.get_data(as_text=True)
    assert UNAVAILABLE in html
    assert "Logga ut" in html  # the site's own layout, with its menu: the rest works
    api = browser.client.get("/api/v1/search?q=leker")
    assert api.status_code == 503 and api.json["message"].startswith("Sökningen är inte")
    assert browser.client.get("/api/v1/search/suggestions?q=rast").status_code == 503
    assert browser.client.get("/").status_code == 200
    assert browser.client.get(f"/material/{published.id}").status_code == 200
    adding = browser.add_files(published.id, [text_file("Lekar för rasten.", "lekar.txt")])
    assert adding.status_code == 302
    database.session.expire_all()
    attachment = database.session.get(Material, published.id).attachments[0]
    with browser.client.get(f"/material/{published.id}/filer/{attachment.id}") as download:
        assert download.status_code == 200 and download.data == "Lekar för rasten.".encode()
    publishing = browser.post(
        f"/material/{draft.id}/publicera", {}, token_from=f"/material/{draft.id}"
    )
    assert publishing.status_code == 302
    database.session.expire_all()
    assert database.session.get(Material, draft.id).status == MaterialStatus.PUBLISHED
    # The index could not take it: the change waits in the log.
    waiting = select(Change.subject_id).where(Change.consumer == "search")
    assert draft.id in database.session.execute(waiting).scalars().all()
    ready = browser.client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_data(as_text=True).startswith("ok\nsearch is unavailable")

    proxy.restore()
    assert "Högläsning i förskolan" in browser.client.get("/sok?q=läser").get_data(as_text=True)
    assert browser.client.get("/readyz").get_data(as_text=True) == "ok\n"


def test_a_node_that_does_not_answer_gives_503_not_a_hang(app_config, tmp_path_factory, make_user):
    """A host that accepts connections and never answers is met by the client's timeout
    (10 s, tried twice); without one, the request waited for the operating system."""
    user = make_user()
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        app = app_on_opensearch_at(app_config, tmp_path_factory, f"http://127.0.0.1:{port}")
        browser = Browser(app.test_client())
        assert browser.sign_in(user.email).status_code == 302
        answer = answered_within(lambda: browser.client.get("/sok?q=lek"), 60, "the node")
        assert answer.status_code == 503
        with app.app_context():
            database.session.remove()
            database.engine.dispose()


def test_the_worker_waits_out_a_node_away_and_applies_what_waited(
    app_behind_proxy, make_user, tmp_path
):
    """The indexer as production runs it: the server away is logged in a line and waited
    for, the worker goes on, and the change that waited is applied once the node is back."""
    app, proxy = app_behind_proxy
    app.config["SEARCH_INDEXER"] = "worker"
    env = {
        **os.environ,
        "DELA_ENV": "development",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "INDEX_DIR": app.config["INDEX_DIR"],
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "SEARCH_BACKEND": "opensearch",
        "OPENSEARCH_HOSTS": app.config["OPENSEARCH_HOSTS"][0],
        "OPENSEARCH_INDEX_PREFIX": app.config["OPENSEARCH_INDEX_PREFIX"],
    }
    log = tmp_path / "worker.log"
    worker = start_search_worker(env, log)
    try:
        user = make_user()
        browser = Browser(app.test_client())
        assert browser.sign_in(user.email).status_code == 302
        publish_material(user, "Rastlekar", "Vi leker på rasten.")
        deadline = time.monotonic() + 30  # the worker made the index and indexes
        while "Rastlekar" not in browser.client.get("/sok?q=leker").get_data(as_text=True):
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        proxy.cut()
        publish_material(user, "Kottebandy", "Vi spelar bandy med kottar.")
        deadline = time.monotonic() + 30
        while "the search server is unavailable" not in log.read_text():
            assert time.monotonic() < deadline, log.read_text()
            assert worker.poll() is None, log.read_text()
            time.sleep(0.2)
        proxy.restore()
        deadline = time.monotonic() + 60
        while "Kottebandy" not in browser.client.get("/sok?q=kottar").get_data(as_text=True):
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
    finally:
        stop(worker)
    assert worker.returncode == 0
    assert "Traceback" not in log.read_text()
