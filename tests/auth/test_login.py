import re
from datetime import timedelta

import pytest
from limits import parse
from sqlalchemy import select, update

from share.auth.models import SignInFailure, User, UserSession
from share.auth.services import set_user_active
from share.auth.throttle import slowdown
from share.database import utcnow
from tests.support.accounts import PASSWORD
from tests.support.client import Browser
from tests.support.database import count

WRONG = "Fel e-postadress eller lösenord."


def test_sign_in_with_correct_password(browser, make_user, db):
    user = make_user(email="anna@kommun.example")
    response = browser.sign_in("anna@kommun.example")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    page = browser.client.get("/").get_data(as_text=True)
    assert user.name in page
    db.session.expire_all()
    assert db.session.get(User, user.id).last_login_at is not None


def test_email_letter_case_does_not_matter(browser, make_user):
    make_user(email="anna@kommun.example")
    assert browser.sign_in("  Anna@KOMMUN.example ").status_code == 302


@pytest.mark.parametrize("email", ["anna@kommun.example", "nobody@kommun.example"])
def test_wrong_password_and_unknown_email_get_the_same_message(browser, make_user, db, email):
    user = make_user(email="anna@kommun.example")
    response = browser.sign_in(email, "not the password")
    assert response.status_code == 200
    assert WRONG in response.get_data(as_text=True)
    assert browser.client.get("/konto").status_code == 302  # still signed out
    db.session.expire_all()
    assert db.session.get(User, user.id).last_login_at is None


def test_deactivated_user_cannot_sign_in(browser, make_user):
    make_user(email="anna@kommun.example", active=False)
    response = browser.sign_in("anna@kommun.example")
    assert "inaktiverat" in response.get_data(as_text=True)
    assert browser.client.get("/konto").status_code == 302


def test_empty_and_overlong_fields_are_refused(browser, make_user):
    make_user(email="anna@kommun.example")
    response = browser.post("/logga-in", {"email": "", "password": ""})
    assert response.status_code == 200
    assert "Formuläret har fel" in response.get_data(as_text=True)
    response = browser.sign_in("a" * 300 + "@kommun.example")
    assert response.status_code == 200
    assert browser.client.get("/konto").status_code == 302


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example",
        "https://evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "/\r\nLocation: https://evil.example",
        "evil.example",
    ],
)
def test_next_never_leaves_the_site(browser, make_user, next_url):
    make_user(email="anna@kommun.example")
    token = browser.csrf_token()
    response = browser.client.post(
        "/logga-in",
        query_string={"next": next_url},
        data={"csrf_token": token, "email": "anna@kommun.example", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_next_inside_the_site_is_followed(browser, make_user):
    make_user(email="anna@kommun.example")
    token = browser.csrf_token()
    response = browser.client.post(
        "/logga-in?next=/konto%3Fx%3D1",
        data={"csrf_token": token, "email": "anna@kommun.example", "password": PASSWORD},
    )
    assert response.headers["Location"] == "/konto?x=1"


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_sign_in_without_a_valid_csrf_token_is_refused(client, make_user, token):
    make_user(email="anna@kommun.example")
    data = {"email": "anna@kommun.example", "password": PASSWORD}
    if token:
        data["csrf_token"] = token
    response = client.post("/logga-in", data=data)
    assert response.status_code == 400
    assert "Formuläret hade gått ut" in response.get_data(as_text=True)
    assert client.get("/konto").status_code == 302


def test_sign_in_is_throttled_per_account_and_address(browser, make_user, app):
    make_user(email="anna@kommun.example")
    limit = app.config["LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS"]
    for _ in range(limit):
        assert browser.sign_in("anna@kommun.example", "wrong password").status_code == 200
    response = browser.sign_in("anna@kommun.example")  # even the right password waits
    assert response.status_code == 429
    assert "För många misslyckade försök för det här kontot" in response.get_data(as_text=True)
    assert int(response.headers["Retry-After"]) > 0
    # Another account from the same address is not locked by it.
    make_user(email="bo@kommun.example")
    assert browser.sign_in("bo@kommun.example").status_code == 302


def test_guessing_from_one_address_does_not_lock_the_owner_out(browser, make_user, app):
    """Whoever knows an address cannot keep its owner out: the owner signs in from an
    address that has not failed."""
    make_user(email="anna@kommun.example")
    for _ in range(app.config["LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS"]):
        browser.sign_in("anna@kommun.example", "wrong password")
    assert browser.sign_in("anna@kommun.example").status_code == 429
    owner = app.test_client()
    owner.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert Browser(owner).sign_in("anna@kommun.example").status_code == 302


def _fail_from(app, address: str, email: str = "anna@kommun.example") -> int:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return Browser(client).sign_in(email, "wrong password").status_code


def test_guessing_from_many_addresses_is_slowed_down(make_user, app, db):
    make_user(email="anna@kommun.example")
    before = app.config["LOGIN_FAILURES_BEFORE_SLOWDOWN"]
    for number in range(before + 1):
        assert _fail_from(app, f"198.51.100.{number}") == 200
    # An address that failed must now wait after the account's last failure...
    response = Browser(_client_at(app, "198.51.100.0")).sign_in("anna@kommun.example")
    assert response.status_code == 429
    assert "Vänta" in response.get_data(as_text=True)
    assert int(response.headers["Retry-After"]) <= 4
    # ...the wait doubles with each failure, up to the ceiling...
    assert [slowdown(before + n).total_seconds() for n in range(4)] == [2, 4, 8, 16]
    assert slowdown(before + 1000) == app.config["LOGIN_SLOWDOWN_MAX"]
    assert slowdown(before - 1) == timedelta(0)
    # ...once it has passed, that address may try again.
    db.session.execute(
        update(SignInFailure).values(created_at=SignInFailure.created_at - timedelta(seconds=5))
    )
    db.session.commit()
    response = Browser(_client_at(app, "198.51.100.0")).sign_in("anna@kommun.example")
    assert response.status_code == 302
    # The owner from a fresh address never waited.
    assert Browser(_client_at(app, "192.0.2.7")).sign_in("anna@kommun.example").status_code == 302


def _client_at(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_unknown_addresses_are_throttled_like_accounts(browser, make_user, app):
    """Throttling must not tell which e-mail addresses have an account."""
    for _ in range(app.config["LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS"]):
        browser.sign_in("nobody@kommun.example", "wrong password")
    assert browser.sign_in("nobody@kommun.example", "wrong password").status_code == 429


def test_the_owner_sees_failed_attempts_on_the_account_page(browser, make_user, app, db):
    user = make_user(email="anna@kommun.example")
    assert _fail_from(app, "203.0.113.9") == 200
    assert _fail_from(app, "203.0.113.10", email="bo@kommun.example") == 200
    browser.sign_in(user.email)
    html = browser.client.get("/konto").get_data(as_text=True)
    assert "Misslyckade inloggningsförsök" in html
    assert "från adressen 203.0.113.9" in html
    assert "203.0.113.10" not in html  # another account's


def test_old_failures_are_forgotten(make_user, app, db):
    make_user(email="anna@kommun.example")
    _fail_from(app, "203.0.113.9")
    retention = app.config["LOGIN_FAILURE_RETENTION"]
    db.session.execute(
        update(SignInFailure).values(created_at=utcnow() - retention - timedelta(days=1))
    )
    db.session.commit()
    _fail_from(app, "203.0.113.10")
    db.session.expire_all()
    addresses = db.session.execute(select(SignInFailure.address)).scalars().all()
    assert addresses == ["203.0.113.10"]


def test_sign_in_is_rate_limited_per_client_address(browser, make_user, app):
    make_user(email="anna@kommun.example")
    limit = parse(app.config["LOGIN_RATE_LIMIT_PER_ADDRESS"]).amount
    for number in range(limit):
        # A new e-mail address each time, so the per-account limit never counts to its end.
        response = browser.sign_in(f"nobody{number}@kommun.example", "wrong password")
        assert response.status_code == 200
    response = browser.sign_in("anna@kommun.example")
    assert response.status_code == 429
    assert "För många försök" in response.get_data(as_text=True)
    # A client at another address is not locked out by it.
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert Browser(elsewhere).sign_in("anna@kommun.example").status_code == 302


def test_sign_in_rotates_the_session(browser, make_user):
    make_user(email="anna@kommun.example")
    with browser.client.session_transaction() as session:
        session["planted"] = "by an attacker"
        session["language"] = "en"
    browser.sign_in("anna@kommun.example")
    with browser.client.session_transaction() as session:
        assert "planted" not in session
        assert session["language"] == "en"


def test_session_cookie_is_httponly_and_lax(browser, make_user):
    make_user(email="anna@kommun.example")
    response = browser.sign_in("anna@kommun.example")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_remember_me_cookie_lasts_a_week(browser, make_user):
    make_user(email="anna@kommun.example")
    response = browser.sign_in("anna@kommun.example", remember="y")
    cookie = next(
        c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token=")
    )
    assert "HttpOnly" in cookie
    expires = re.search(r"Expires=([^;]+)", cookie).group(1)
    from datetime import UTC, datetime, timedelta
    from email.utils import parsedate_to_datetime

    lifetime = parsedate_to_datetime(expires) - datetime.now(UTC)
    assert timedelta(days=6) < lifetime <= timedelta(days=7, minutes=1)


def test_sign_out_is_post_only(browser, make_user):
    make_user(email="anna@kommun.example")
    browser.sign_in("anna@kommun.example")
    assert browser.client.get("/logga-ut").status_code == 405
    assert browser.client.get("/konto").status_code == 200
    response = browser.post("/logga-ut", {}, token_from="/")
    assert response.status_code == 302
    assert browser.client.get("/konto").status_code == 302


def test_sign_out_without_csrf_token_does_nothing(browser, make_user):
    make_user(email="anna@kommun.example")
    browser.sign_in("anna@kommun.example")
    assert browser.client.post("/logga-ut").status_code == 400
    assert browser.client.get("/konto").status_code == 200


def test_deactivated_user_is_signed_out_on_next_request(browser, make_user, db):
    admin = make_user(email="admin@kommun.example", role="admin")
    user = make_user(email="anna@kommun.example")
    browser.sign_in("anna@kommun.example")
    assert browser.client.get("/konto").status_code == 200
    set_user_active(admin, db.session.get(User, user.id), False)
    db.session.commit()
    response = browser.client.get("/konto")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/logga-in")


def test_user_deactivated_in_the_database_alone_is_signed_out(app, make_user, db):
    """The active flag itself is checked on every request, not only the sessions that
    set_user_active also ends (a script or an operator may set just the flag)."""
    user = make_user(email="anna@kommun.example")
    device = Browser(app.test_client())
    device.sign_in("anna@kommun.example", remember="y")
    assert device.client.get("/konto").status_code == 200
    db.session.execute(update(User).where(User.id == user.id).values(active=False))
    db.session.commit()
    assert count(UserSession) == 1  # the session row is still there
    response = device.client.get("/konto")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/logga-in")
    # Nor does the remember cookie alone bring the account back.
    device.client.delete_cookie("session")
    assert device.client.get("/konto").status_code == 302
