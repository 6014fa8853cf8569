"""Sessions kept on the server: signing out ends them, even for copied cookies; the account
page lists them and ends them one by one or all at once."""

from datetime import UTC, timedelta

import pytest
from sqlalchemy import select, update

from share.auth.devices import describe_device
from share.auth.models import User, UserSession
from share.database import utcnow
from tests.support.client import Browser
from tests.support.database import count

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)


def device(app, user_agent: str = FIREFOX_WINDOWS) -> Browser:
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = user_agent
    return Browser(client)


def copy_cookies(source: Browser, target: Browser, *names: str) -> None:
    for name in names:
        cookie = source.client.get_cookie(name)
        target.client.set_cookie(name, cookie.value, domain=cookie.domain)


def signed_in(browser: Browser) -> bool:
    return browser.client.get("/konto").status_code == 200


def test_a_copied_session_cookie_is_useless_after_sign_out(app, make_user):
    user = make_user()
    laptop, thief = device(app), device(app)
    laptop.sign_in(user.email)
    copy_cookies(laptop, thief, "session")
    assert signed_in(thief)
    laptop.post("/logga-ut", {}, token_from="/")
    assert not signed_in(laptop)
    assert not signed_in(thief)


def test_a_copied_remember_cookie_is_useless_after_sign_out(app, make_user):
    user = make_user()
    laptop, thief = device(app), device(app)
    response = laptop.sign_in(user.email, remember="y")
    assert response.status_code == 302
    copy_cookies(laptop, thief, "remember_token")
    assert signed_in(thief)  # the remember cookie alone brings the session back
    response = laptop.post("/logga-ut", {}, token_from="/")
    # The browser is also told to drop the cookie.
    assert any(c.startswith("remember_token=;") for c in response.headers.getlist("Set-Cookie"))
    thief.client.delete_cookie("session")
    assert not signed_in(thief)


def test_sign_out_ends_only_this_devices_session(app, make_user, db):
    user = make_user()
    laptop, phone = device(app), device(app, SAFARI_IPHONE)
    laptop.sign_in(user.email)
    phone.sign_in(user.email)
    assert count(UserSession) == 2
    laptop.post("/logga-ut", {}, token_from="/")
    assert count(UserSession) == 1
    assert signed_in(phone)


def test_account_page_lists_the_sessions_with_their_devices(app, make_user):
    user = make_user()
    laptop, phone = device(app), device(app, SAFARI_IPHONE)
    laptop.sign_in(user.email)
    phone.sign_in(user.email)
    html = laptop.client.get("/konto").get_data(as_text=True)
    assert "Här är du inloggad" in html
    assert "Firefox · Windows</strong> (den här enheten)" in html
    assert "Safari · iPhone</strong>" in html
    assert "Safari · iPhone</strong> (den här enheten)" not in html
    assert html.count("Avsluta sessionen") == 1
    assert "Logga ut här" in html
    assert "Logga ut överallt" in html


def test_ending_another_session_signs_that_device_out(app, make_user, db):
    user = make_user()
    laptop, phone = device(app), device(app, SAFARI_IPHONE)
    laptop.sign_in(user.email)
    phone.sign_in(user.email, remember="y")
    phone_session = db.session.execute(
        select(UserSession).where(UserSession.remember.is_(True))
    ).scalar_one()
    response = laptop.post(f"/konto/sessioner/{phone_session.id}/avsluta", {}, token_from="/konto")
    assert response.headers["Location"] == "/konto"
    assert signed_in(laptop)
    assert not signed_in(phone)
    phone.client.delete_cookie("session")
    assert not signed_in(phone)  # nor through its remember cookie


def test_ending_this_devices_session_signs_out_here(app, make_user, db):
    user = make_user()
    laptop = device(app)
    laptop.sign_in(user.email)
    own = db.session.execute(select(UserSession)).scalar_one()
    response = laptop.post(f"/konto/sessioner/{own.id}/avsluta", {}, token_from="/konto")
    assert response.headers["Location"] == "/logga-in"
    assert not signed_in(laptop)


def test_nobody_ends_another_accounts_session(app, make_user, db):
    anna, bo = make_user(), make_user()
    annas, bos = device(app), device(app)
    annas.sign_in(anna.email)
    bos.sign_in(bo.email)
    row = db.session.execute(select(UserSession).where(UserSession.user_id == bo.id)).scalar_one()
    response = annas.post(f"/konto/sessioner/{row.id}/avsluta", {}, token_from="/konto")
    assert response.status_code == 404
    assert signed_in(bos)
    assert annas.post("/konto/sessioner/999999/avsluta", {}, token_from="/konto").status_code == 404


def test_ending_a_session_needs_a_csrf_token(app, make_user, db):
    user = make_user()
    laptop, phone = device(app), device(app)
    laptop.sign_in(user.email)
    phone.sign_in(user.email)
    row = db.session.execute(select(UserSession).order_by(UserSession.id)).scalars().first()
    assert laptop.client.post(f"/konto/sessioner/{row.id}/avsluta").status_code == 400
    assert laptop.client.post("/konto/logga-ut-overallt").status_code == 400
    assert count(UserSession) == 2


def test_signed_out_visitors_end_nothing(client, make_user, db):
    user = make_user()
    device_ = Browser(client)
    response = device_.post("/konto/logga-ut-overallt", {}, token_from="/logga-in")
    assert response.headers["Location"].startswith("/logga-in?next=")
    assert user.id  # the account is untouched, and no session was there to end
    assert count(UserSession) == 0


def test_sign_out_everywhere(app, make_user, db):
    user = make_user()
    laptop, phone = device(app), device(app, SAFARI_IPHONE)
    laptop.sign_in(user.email)
    phone.sign_in(user.email, remember="y")
    response = laptop.post("/konto/logga-ut-overallt", {}, token_from="/konto")
    assert response.headers["Location"] == "/logga-in"
    assert not signed_in(laptop)
    assert not signed_in(phone)
    phone.client.delete_cookie("session")
    assert not signed_in(phone)
    assert count(UserSession) == 0


def set_last_seen(db, moment) -> None:
    db.session.execute(update(UserSession).values(last_seen_at=moment))
    db.session.commit()


def last_seen(db):
    """The session's last-seen time in naive UTC, as either database gives it back."""
    db.session.expire_all()
    moment = db.session.execute(select(UserSession.last_seen_at)).scalar_one()
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def test_last_seen_is_written_at_most_every_few_minutes(app, make_user, db):
    user = make_user()
    laptop = device(app)
    laptop.sign_in(user.email)
    interval = app.config["SESSION_TOUCH_INTERVAL"]
    recently = utcnow() - interval / 2
    set_last_seen(db, recently)
    assert signed_in(laptop)
    assert last_seen(db) == recently.replace(tzinfo=None)  # not written again
    set_last_seen(db, utcnow() - interval * 2)
    before = utcnow().replace(tzinfo=None)
    assert signed_in(laptop)
    assert last_seen(db) >= before


@pytest.mark.parametrize(("remember", "idle_hours", "live"), [
    (False, 11, True), (False, 13, False), (True, 13, True), (True, 24 * 8, False),
])  # fmt: skip
def test_a_session_left_unused_expires(app, make_user, db, remember, idle_hours, live):
    user = make_user()
    laptop = device(app)
    laptop.sign_in(user.email, **({"remember": "y"} if remember else {}))
    set_last_seen(db, utcnow() - timedelta(hours=idle_hours))
    assert signed_in(laptop) is live


@pytest.mark.parametrize(
    ("user_agent", "name"),
    [
        (FIREFOX_WINDOWS, "Firefox · Windows"),
        (SAFARI_IPHONE, "Safari · iPhone"),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like "
            "Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Edge · macOS",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Mobile Safari/537.36",
            "Chrome · Android",
        ),
        ("curl/8.5.0", None),
        ("", None),
    ],
)
def test_device_names(user_agent, name):
    assert describe_device(user_agent) == name


def test_users_are_equal_by_account_not_by_session(app, make_user, db):
    """Flask-Login compares users by get_id(), which is a session token here: two
    accounts loaded outside a request must still differ, and one account equal itself."""
    anna, bo = make_user(), make_user()
    assert anna != bo
    assert db.session.get(User, anna.id) == anna
    anna.session_token = "a token"
    assert anna == db.session.get(User, anna.id)
