"""'Glömt lösenord?': a reset link by e-mail that works once and ends every session."""

import email
from datetime import timedelta
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import update

from share.auth.models import User, UserSession
from share.auth.passwords import verify_password
from share.auth.recovery import request_password_reset
from tests.support.accounts import PASSWORD
from tests.support.client import Browser
from tests.support.database import count
from tests.support.mail import LINK, body, links, path_of

NEW_PASSWORD = "ett nytt lösenord om hösten"


def ask_for_reset(browser, address="anna@kommun.example"):
    return browser.post("/glomt-losenord", {"email": address}, token_from="/glomt-losenord")


def reset_path(mailbox, address="anna@kommun.example") -> str:
    (link,) = links(mailbox.to(address)[-1])
    return path_of(link)


def choose(browser, path, password=NEW_PASSWORD):
    return browser.post(path, {"password": password}, token_from=path)


def test_the_sign_in_page_offers_it(client):
    assert 'href="/glomt-losenord">Glömt lösenord?' in client.get("/logga-in").get_data(
        as_text=True
    )


def test_reset_by_mail_ends_every_session(app, browser, make_user, db, mailbox):
    user = make_user(email="anna@kommun.example")
    laptop = Browser(app.test_client())
    laptop.sign_in(user.email, remember="y")
    response = ask_for_reset(browser)
    assert response.headers["Location"] == "/kolla-din-e-post"
    (mail,) = mailbox.to("anna@kommun.example")
    assert mail["Subject"] == "Återställ ditt lösenord för Dela"
    assert "60 minuter" in body(mail)
    path = reset_path(mailbox)
    assert "Välj ett nytt lösenord" in browser.client.get(path).get_data(as_text=True)
    response = choose(browser, path)
    assert response.headers["Location"] == "/logga-in"
    db.session.expire_all()
    assert verify_password(db.session.get(User, user.id).password_hash, NEW_PASSWORD)
    assert count(UserSession) == 0
    assert laptop.client.get("/konto").status_code == 302
    laptop.client.delete_cookie("session")
    assert laptop.client.get("/konto").status_code == 302  # the remember cookie is dead too
    assert browser.sign_in(user.email, NEW_PASSWORD).status_code == 302


def test_a_reset_link_works_once(browser, make_user, db, mailbox):
    make_user(email="anna@kommun.example")
    ask_for_reset(browser)
    path = reset_path(mailbox)
    choose(browser, path)
    again = browser.client.get(path)
    assert again.status_code == 200
    html = again.get_data(as_text=True)
    assert "Länken gäller inte längre" in html
    assert 'name="password"' not in html
    response = choose(browser, path, "ett tredje lösenord här")
    assert "Länken gäller inte längre" in response.get_data(as_text=True)
    assert browser.sign_in("anna@kommun.example", NEW_PASSWORD).status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_mail(browser, make_user, mailbox):
    make_user(email="anna@kommun.example")
    known = ask_for_reset(browser)
    unknown = ask_for_reset(browser, "nobody@kommun.example")
    assert unknown.status_code == known.status_code == 302
    assert unknown.headers["Location"] == known.headers["Location"]
    assert mailbox.to("nobody@kommun.example") == []


def test_a_refused_new_password_changes_nothing(browser, make_user, db, mailbox):
    user = make_user(email="anna@kommun.example")
    ask_for_reset(browser)
    path = reset_path(mailbox)
    response = choose(browser, path, "qwertyuiop")
    assert response.status_code == 200
    assert "vanligaste" in response.get_data(as_text=True)
    db.session.expire_all()
    assert verify_password(db.session.get(User, user.id).password_hash, PASSWORD)
    assert choose(browser, path).status_code == 302  # the link still works


@pytest.mark.parametrize("path", ["/aterstall-losenord/x", "/aterstall-losenord/" + "A" * 300])
def test_a_forged_link_changes_nothing(browser, make_user, db, path):
    user = make_user(email="anna@kommun.example")
    assert browser.client.get(path).status_code == 200
    assert "Länken gäller inte längre" in choose(browser, path).get_data(as_text=True)
    db.session.expire_all()
    assert verify_password(db.session.get(User, user.id).password_hash, PASSWORD)


def test_an_expired_link_changes_nothing(browser, make_user, db, mailbox, app, monkeypatch):
    make_user(email="anna@kommun.example")
    ask_for_reset(browser)
    path = reset_path(mailbox)
    monkeypatch.setitem(app.config, "PASSWORD_RESET_LINK_LIFETIME", timedelta(seconds=-1))
    assert "Länken gäller inte längre" in choose(browser, path).get_data(as_text=True)


def test_a_deactivated_account_gets_no_link(browser, make_user, mailbox):
    make_user(email="anna@kommun.example", active=False)
    assert ask_for_reset(browser).status_code == 302
    assert mailbox.to("anna@kommun.example") == []


def test_a_reset_confirms_an_unconfirmed_address(browser, make_user, db, mailbox):
    user = make_user(email="anna@kommun.example")
    db.session.execute(update(User).values(email_confirmed_at=None))
    db.session.commit()
    assert browser.sign_in(user.email).status_code == 200  # not yet
    ask_for_reset(browser)
    choose(browser, reset_path(mailbox))
    assert browser.sign_in(user.email, NEW_PASSWORD).status_code == 302


def test_links_use_the_public_url_not_the_host_header(make_user, app, monkeypatch):
    make_user(email="anna@kommun.example")
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://dela.kommun.example")
    with app.test_request_context("/glomt-losenord", base_url="http://evil.example"):
        mail = request_password_reset("anna@kommun.example")
    (link,) = LINK.findall(mail.body)
    assert link.startswith("https://dela.kommun.example/aterstall-losenord/")


def test_without_a_mail_server_mail_goes_to_the_console_and_a_folder(
    browser, make_user, mailbox, app, monkeypatch, capsys
):
    make_user(email="anna@kommun.example")
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    assert ask_for_reset(browser).status_code == 302
    assert mailbox.messages == []
    (saved,) = Path(app.config["MAIL_DIR"]).glob("*.eml")
    mail = email.message_from_bytes(saved.read_bytes(), policy=policy.default)
    assert mail["To"] == "anna@kommun.example"
    assert "/aterstall-losenord/" in body(mail)
    assert "/aterstall-losenord/" in capsys.readouterr().err
    saved.unlink()
