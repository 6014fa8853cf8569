"""The pages Dela shows while its database, or its search server, is unreachable pass axe
like every other page."""

import socket
import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from share import create_app
from share.extensions import db
from tests.support.apps import make_test_config


@pytest.fixture
def server_without_database(tmp_path_factory):
    """A live server whose SQLite database cannot be opened: its base URL."""
    missing = tmp_path_factory.mktemp("gone") / "missing" / "dela.sqlite3"
    app = create_app(make_test_config(f"sqlite:///{missing}", tmp_path_factory))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()
    with app.app_context():
        db.engine.dispose()


def test_the_unavailable_page_is_accessible(browser, server_without_database, axe_check):
    context = browser.new_context(base_url=server_without_database, locale="sv-SE")
    try:
        page = context.new_page()
        response = page.goto("/registrera")  # lists the units: needs the database
        assert response.status == 503
        assert response.headers["retry-after"] == "30"
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Dela är inte tillgängligt just nu"
        )
        axe_check(page)
    finally:
        context.close()


@pytest.fixture
def search_server_away(live_server):
    """The live server's search on an OpenSearch server where nothing listens, for the
    test."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings = {"SEARCH_BACKEND": "opensearch", "OPENSEARCH_HOSTS": (f"http://127.0.0.1:{port}",)}
    saved = {name: live_server.app.config[name] for name in settings}
    live_server.app.config.update(settings)
    yield
    live_server.app.config.update(saved)


def test_the_search_unavailable_page_is_accessible(page, sign_in_as, search_server_away, axe_check):
    sign_in_as("larare@kommun.example")
    response = page.goto("/sok?q=lek")
    assert response.status == 503
    expect(page.get_by_role("heading", level=1)).to_have_text("Sökningen är inte tillgänglig")
    expect(page.get_by_text("allt annat på Dela fungerar")).to_be_visible()
    axe_check(page)
