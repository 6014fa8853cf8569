"""The page Dela shows while its database is unreachable passes axe like every other page."""

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
