"""Error pages, headers and the language switch: the things every page shares."""

import pytest
from flask import abort

from config import TestConfig
from share import create_app


def test_security_headers(client):
    response = client.get("/logga-in")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_no_hsts_in_tests_and_development(client):
    assert "Strict-Transport-Security" not in client.get("/logga-in").headers


def test_hsts_when_configured(app_config):
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = app_config.SQLALCHEMY_DATABASE_URI
    config.HSTS_MAX_AGE = 600
    response = create_app(config).test_client().get("/logga-in")
    assert response.headers["Strict-Transport-Security"] == "max-age=600"


def test_pages_have_one_h1_landmarks_and_a_skip_link(client):
    html = client.get("/logga-in").get_data(as_text=True)
    assert html.count("<h1") == 1
    assert '<html lang="sv">' in html
    assert 'href="#main"' in html and '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    assert "http://" not in html and "https://" not in html  # no CDN assets


def test_404_in_swedish(browser, signed_in):
    signed_in()
    response = browser.client.get("/finns-inte")
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.get_data(as_text=True)


def test_405_in_swedish(client):
    response = client.put("/logga-in")
    assert response.status_code == 405
    assert "Det går inte att göra här" in response.get_data(as_text=True)


def test_language_switch(browser, db):
    response = browser.post("/sprak", {"language": "en", "next": "/registrera"})
    assert response.headers["Location"] == "/registrera"
    html = browser.client.get("/logga-in").get_data(as_text=True)
    assert '<html lang="en">' in html and "Sign in to Dela" in html
    browser.post("/sprak", {"language": "sv"})
    assert "Logga in i Dela" in browser.client.get("/logga-in").get_data(as_text=True)


@pytest.mark.parametrize("next_url", ["//evil.example", "https://evil.example"])
def test_language_switch_stays_on_the_site(browser, db, next_url):
    response = browser.post("/sprak", {"language": "xx", "next": next_url})
    assert response.headers["Location"] == "/"
    assert "Logga in i Dela" in browser.client.get("/logga-in").get_data(as_text=True)


HUGE = "9" * 25


@pytest.mark.parametrize(
    "path",
    [
        f"/material/{HUGE}",
        f"/omrade/{2**31}",
        f"/material/1/filer/{HUGE}",
        f"/admin/omraden/{HUGE}",
    ],
)
def test_ids_past_what_the_database_holds_are_404(browser, signed_in, path):
    from share.auth.models import Role

    signed_in(role=Role.ADMIN)
    response = browser.client.get(path)
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/utforska", "/mina-material", "/admin/anvandare"])
@pytest.mark.parametrize("page", [HUGE, "-5", "abc"])
def test_any_page_number_gives_a_page(browser, signed_in, path, page):
    from share.auth.models import Role

    signed_in(role=Role.ADMIN)
    assert browser.client.get(path, query_string={"page": page}).status_code == 200


def test_nul_in_a_form_is_refused_with_a_message(browser, make_user, db):
    from sqlalchemy import select

    from share.auth.models import User

    user = make_user()
    response = browser.sign_in(user.email + "\x00")
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)
    response = browser.post(
        "/registrera",
        {"name": "Nul\x00ly", "email": "ny@kommun.example", "password": "ett långt lösenord"},
        token_from="/registrera",
    )
    assert response.status_code == 400
    assert db.session.execute(select(User.email)).scalars().all() == [user.email]


def test_nul_in_a_query_is_refused_with_a_message(browser, signed_in):
    signed_in()
    response = browser.client.get("/admin/anvandare", query_string={"q": "a\x00"})
    assert response.status_code == 400
    response = browser.client.get("/sok", query_string={"q": "lek\x00"})
    assert response.status_code == 400 and "NUL" in response.get_data(as_text=True)


@pytest.fixture(scope="module")
def failing_app(tmp_path_factory):
    """An app with routes that fail, to see what users get when something breaks."""
    config = TestConfig()
    config.MAX_UPLOAD_MB = 0
    config.MAX_REQUEST_MB = 1
    config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path_factory.mktemp('f') / 'f.sqlite3'}"
    app = create_app(config)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    @app.get("/forbidden")
    def forbidden():
        abort(403)

    return app


def test_500_shows_no_traceback(failing_app):
    response = failing_app.test_client().get("/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Något gick fel hos oss" in html
    assert "secret internals" not in html and "Traceback" not in html


def test_413_in_swedish(failing_app):
    response = failing_app.test_client().post("/logga-in", data={"email": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "Uppladdningen är för stor" in response.get_data(as_text=True)


def test_403_in_swedish(failing_app):
    response = failing_app.test_client().get("/forbidden")
    assert response.status_code == 403
    assert "Du har inte behörighet" in response.get_data(as_text=True)


def test_favicon_and_description_on_every_page(client):
    html = client.get("/logga-in").get_data(as_text=True)
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert '<meta name="description" content="Här delar lärare i alla skolområden' in html
    with client.get("/favicon.ico") as icon:  # signed out: asked for before any sign-in
        assert icon.status_code == 200
        assert icon.mimetype in ("image/x-icon", "image/vnd.microsoft.icon")
        assert icon.get_data()[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
    with client.get("/static/favicon.svg") as svg:
        assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
