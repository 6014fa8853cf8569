"""Without its database Dela answers 503, in words, and recovers by itself when it is back."""

import socket

import pytest
from flask_migrate import upgrade
from sqlalchemy import make_url

from share import create_app
from share.extensions import db
from tests.support.accounts import add_test_school, add_user
from tests.support.apps import make_test_config
from tests.support.client import Browser, answered_within
from tests.support.proxy import CuttableProxy

UNAVAILABLE = "Dela är inte tillgängligt just nu"
#: What Werkzeug says when even the error page failed.
BARE_ERROR = "The server encountered an internal error"


def assert_unavailable_page(response) -> None:
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    html = response.get_data(as_text=True)
    assert UNAVAILABLE in html and BARE_ERROR not in html
    # Built without the database, the user loader or a CSRF token: no menu, no forms.
    assert "Logga ut" not in html and "csrf_token" not in html


@pytest.fixture
def app_behind_proxy(database_url, tmp_path_factory):
    """(An app whose PostgreSQL connections go through a proxy the test can cut, that
    proxy): the database "stops" for this app alone, not for the other tests."""
    if not database_url.startswith("postgresql"):
        pytest.skip("a database server to lose is PostgreSQL's; SQLite's case is below")
    url = make_url(database_url)
    proxy = CuttableProxy(url.port)
    proxied = url.set(port=proxy.port).render_as_string(hide_password=False)
    app = create_app(make_test_config(proxied, tmp_path_factory))
    yield app, proxy
    with app.app_context():
        db.engine.dispose()
    proxy.close()


def test_postgresql_going_away_gives_503_and_coming_back_gives_200(app_behind_proxy, make_user):
    app, proxy = app_behind_proxy
    user = make_user()
    browser = Browser(app.test_client())
    assert browser.sign_in(user.email).status_code == 302
    assert browser.client.get("/").status_code == 200

    proxy.cut()
    assert_unavailable_page(browser.client.get("/"))
    assert_unavailable_page(browser.client.get("/material/123456"))  # a 404 page needs it too
    api = browser.client.get("/api/v1/materials/1")
    assert api.status_code == 503 and api.headers["Retry-After"] == "30"
    assert api.json["ok"] is False and "databas" in api.json["message"]
    anonymous = Browser(app.test_client())
    assert_unavailable_page(anonymous.sign_in(user.email))
    assert anonymous.client.get("/healthz").status_code == 200
    assert anonymous.client.get("/readyz").status_code == 503

    proxy.restore()
    assert browser.client.get("/").status_code == 200
    assert anonymous.client.get("/readyz").status_code == 200


def test_a_missing_sqlite_database_gives_503_until_it_is_there(database_url, tmp_path_factory):
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's case: the database file cannot be opened")
    folder = tmp_path_factory.mktemp("gone") / "database"
    app = create_app(make_test_config(f"sqlite:///{folder / 'dela.sqlite3'}", tmp_path_factory))
    browser = Browser(app.test_client())
    try:
        assert_unavailable_page(browser.sign_in("user1@kommun.example"))
        assert browser.client.get("/readyz").status_code == 503

        folder.mkdir()
        with app.app_context():
            upgrade()
            add_user(add_test_school(), 1)
        assert browser.sign_in("user1@kommun.example").status_code == 302
        assert browser.client.get("/").status_code == 200
        assert browser.client.get("/readyz").status_code == 200
    finally:
        with app.app_context():
            db.engine.dispose()


def test_a_postgresql_host_that_does_not_answer_gives_503_not_a_hang(
    database_url, tmp_path_factory
):
    """A database host that is down without refusing (packets dropped) is met by the
    connect timeout; without one, the request waited for the operating system's minutes."""
    if not database_url.startswith("postgresql"):
        pytest.skip("the connect timeout is PostgreSQL's")
    with socket.socket() as silent:  # accepts connections and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = make_url(database_url).set(port=silent.getsockname()[1])
        app = create_app(make_test_config(url.render_as_string(False), tmp_path_factory))
        # The registration page lists the units.
        answer = answered_within(lambda: app.test_client().get("/registrera"), 60, "the database")
        assert answer.status_code == 503
        with app.app_context():
            db.engine.dispose()
