from share.auth.models import User
from share.auth.passwords import verify_password
from share.schools.models import Area, Unit, UnitKind
from tests.support.accounts import PASSWORD
from tests.support.client import Browser

NEW_PASSWORD = "ett nytt och längre lösenord"


def test_profile_requires_sign_in(client):
    response = client.get("/konto")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/logga-in?next=")


def test_change_name_and_unit_area_follows(browser, signed_in, db):
    user = signed_in()
    area = Area(name="Skolområde Söder")
    other = Unit(name="Sjöviksskolan", kind=UnitKind.SCHOOL, area=area)
    db.session.add_all([area, other])
    db.session.commit()
    response = browser.post(
        "/konto", {"name": "Anna Ny", "unit_id": str(other.id)}, token_from="/konto"
    )
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(User, user.id)
    assert saved.name == "Anna Ny"
    assert saved.area.name == "Skolområde Söder"
    assert "Skolområde Söder" in browser.client.get("/konto").get_data(as_text=True)


def test_bad_profile_input_changes_nothing(browser, signed_in, db):
    user = signed_in()
    for data in ({"name": "", "unit_id": "1"}, {"name": "Ny", "unit_id": "999999"}):
        response = browser.post("/konto", data, token_from="/konto")
        assert response.status_code == 200
    db.session.expire_all()
    saved = db.session.get(User, user.id)
    assert saved.name == user.name
    assert saved.unit_id == user.unit_id


def change_password(browser, current=PASSWORD, new=NEW_PASSWORD):
    return browser.post(
        "/konto/losenord",
        {"current_password": current, "password": new},
        token_from="/konto/losenord",
    )


def test_change_password(browser, signed_in, app):
    user = signed_in()
    response = change_password(browser)
    assert response.status_code == 302
    assert browser.client.get("/konto").status_code == 200  # this device stays signed in
    fresh = Browser(app.test_client())
    assert fresh.sign_in(user.email, PASSWORD).status_code == 200
    assert fresh.sign_in(user.email, NEW_PASSWORD).status_code == 302


def test_change_password_signs_out_other_devices(browser, signed_in, app):
    user = signed_in()
    other_device = Browser(app.test_client())
    other_device.sign_in(user.email)
    assert other_device.client.get("/konto").status_code == 200
    change_password(browser)
    assert other_device.client.get("/konto").status_code == 302


def test_wrong_current_password_changes_nothing(browser, signed_in, app):
    user = signed_in()
    response = change_password(browser, current="not my password")
    assert "Det nuvarande lösenordet är fel." in response.get_data(as_text=True)
    assert Browser(app.test_client()).sign_in(user.email).status_code == 302


def test_weak_new_password_is_refused(browser, signed_in, app):
    user = signed_in()
    response = change_password(browser, new="qwertyuiop")
    assert "vanligaste" in response.get_data(as_text=True)
    assert Browser(app.test_client()).sign_in(user.email).status_code == 302


def test_change_password_needs_a_fresh_login(app, make_user):
    user = make_user()
    device = Browser(app.test_client())
    device.sign_in(user.email, remember="y")
    # The browser closes: the session cookie is gone, the remember cookie stays.
    device.client.delete_cookie("session")
    assert device.client.get("/konto").status_code == 200  # restored from the remember cookie
    response = device.client.get("/konto/losenord")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/konto/bekrafta")
    wrong = device.post(
        "/konto/bekrafta?next=/konto/losenord", {"password": "wrong"}, token_from="/konto"
    )
    assert "Lösenordet är fel." in wrong.get_data(as_text=True)
    right = device.post(
        "/konto/bekrafta?next=/konto/losenord", {"password": PASSWORD}, token_from="/konto"
    )
    assert right.headers["Location"] == "/konto/losenord"
    assert device.client.get("/konto/losenord").status_code == 200


def test_guessing_the_current_password_is_throttled_with_sign_in(
    browser, signed_in, make_user, app, db
):
    """A stolen session must not give unlimited guesses at the password: failures on the
    change-password page and at sign-in from the same address count together."""
    user = signed_in()
    limit = app.config["LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS"]
    for _ in range(limit - 1):
        assert change_password(browser, current="a guess").status_code == 200
    same_address = Browser(app.test_client())
    assert same_address.sign_in(user.email, "another guess").status_code == 200
    response = change_password(browser)  # even the right password waits now
    assert response.status_code == 429
    assert "För många misslyckade försök" in response.get_data(as_text=True)
    assert same_address.sign_in(user.email).status_code == 429
    db.session.expire_all()
    assert verify_password(db.session.get(User, user.id).password_hash, PASSWORD)
    # Another account, from the same address, is not locked by it.
    make_user(email="bo@kommun.example")
    assert same_address.sign_in("bo@kommun.example").status_code == 302
