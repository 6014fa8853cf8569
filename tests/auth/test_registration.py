import socket
from datetime import timedelta

import pytest
from limits import parse
from sqlalchemy import select

from share.auth.models import Role, User
from share.auth.passwords import verify_password
from share.schools.models import Unit
from tests.support.accounts import PASSWORD as OWNERS_PASSWORD
from tests.support.database import count
from tests.support.mail import body, links, path_of

PASSWORD = "björkar och bråk i åk 7"


def register(browser, **fields):
    data = {
        "name": "Anna Lindqvist",
        "email": "anna@kommun.example",
        "password": PASSWORD,
        **fields,
    }
    return browser.post("/registrera", data, token_from="/registrera")


def test_register_with_allowed_domain(browser, unit, db, mailbox):
    response = register(browser, unit_id=str(unit.id))
    assert response.status_code == 302
    assert response.headers["Location"] == "/kolla-din-e-post"
    user = db.session.execute(select(User)).scalar_one()
    assert user.email == "anna@kommun.example"
    assert user.role == Role.TEACHER
    assert user.unit_id == unit.id
    assert user.area.name == "Skolområde Test"
    assert user.email_confirmed_at is None
    assert browser.client.get("/konto").status_code == 302  # not signed in
    (mail,) = mailbox.to("anna@kommun.example")
    assert mail["Subject"] == "Bekräfta din e-postadress för Dela"
    assert "Hej Anna Lindqvist!" in body(mail)


def confirmation_path(mailbox, email="anna@kommun.example") -> str:
    (link,) = links(mailbox.to(email)[-1])
    return path_of(link)


def test_the_account_works_only_once_the_mailed_link_is_followed(browser, unit, db, mailbox):
    register(browser, unit_id=str(unit.id))
    response = browser.sign_in("anna@kommun.example", PASSWORD)
    assert response.status_code == 200
    assert "Bekräfta din e-postadress först" in response.get_data(as_text=True)
    path = confirmation_path(mailbox)
    page = browser.client.get(path)
    assert page.status_code == 200
    assert "Bekräfta min adress" in page.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.execute(select(User)).scalar_one().email_confirmed_at is None  # GET alone
    response = browser.post(path, {}, token_from=path)
    assert response.headers["Location"] == "/logga-in"
    assert browser.sign_in("anna@kommun.example", PASSWORD).status_code == 302


def test_a_confirmation_link_works_once(browser, unit, db, mailbox):
    register(browser, unit_id=str(unit.id))
    path = confirmation_path(mailbox)
    browser.post(path, {}, token_from=path)
    again = browser.post(path, {}, token_from="/logga-in")
    assert again.status_code == 200
    assert "Länken gäller inte längre" in again.get_data(as_text=True)


@pytest.mark.parametrize("tamper", ["cut", "forged", "garbage"])
def test_a_broken_confirmation_link_confirms_nothing(browser, unit, db, mailbox, tamper):
    register(browser, unit_id=str(unit.id))
    path = confirmation_path(mailbox)
    bad = {
        "cut": path[:-5],
        "forged": path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB"),
        "garbage": "/bekrafta-konto/%C3%A5%00x",
    }[tamper]
    response = browser.post(bad, {}, token_from="/logga-in")
    assert response.status_code in (200, 400)
    db.session.expire_all()
    assert db.session.execute(select(User)).scalar_one().email_confirmed_at is None


def test_an_expired_confirmation_link_confirms_nothing(
    browser, unit, db, mailbox, app, monkeypatch
):
    register(browser, unit_id=str(unit.id))
    path = confirmation_path(mailbox)
    monkeypatch.setitem(app.config, "CONFIRMATION_LINK_LIFETIME", timedelta(seconds=-1))
    response = browser.post(path, {}, token_from="/logga-in")
    assert "Länken gäller inte längre" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.execute(select(User)).scalar_one().email_confirmed_at is None


def test_posted_role_is_ignored(browser, unit, db, mailbox):
    register(browser, unit_id=str(unit.id), role="admin", active="0", email_confirmed_at="1")
    user = db.session.execute(select(User)).scalar_one()
    assert user.role == Role.TEACHER
    assert user.active
    assert user.email_confirmed_at is None


def test_disallowed_domain_is_refused(browser, unit, db, mailbox):
    response = register(browser, email="anna@gmail.com", unit_id=str(unit.id))
    assert response.status_code == 200
    assert "kommunens e-postdomäner" in response.get_data(as_text=True)
    assert count(User) == 0
    assert mailbox.messages == []


def test_lookalike_domain_is_refused(browser, unit, db):
    response = register(browser, email="anna@evilkommun.example", unit_id=str(unit.id))
    assert "kommunens e-postdomäner" in response.get_data(as_text=True)
    assert count(User) == 0


def test_a_taken_address_gets_the_same_answer_and_its_owner_a_note(
    browser, make_user, unit, db, mailbox
):
    """A stranger learns nothing about which addresses have accounts, and changes nothing."""
    owner = make_user(email="anna@kommun.example")
    new = register(browser, email="new@kommun.example", unit_id=str(unit.id))
    taken = register(browser, email="ANNA@Kommun.Example", unit_id=str(unit.id))
    assert (taken.status_code, taken.headers["Location"]) == (
        new.status_code,
        new.headers["Location"],
    )
    assert count(User) == 2
    db.session.expire_all()
    assert verify_password(db.session.get(User, owner.id).password_hash, OWNERS_PASSWORD)
    (note,) = mailbox.to("anna@kommun.example")
    assert note["Subject"] == "Någon försökte registrera sig på Dela med din adress"
    assert "redan ett konto" in body(note)
    assert not any("/bekrafta-konto/" in link for link in links(note))
    assert any(link.endswith("/glomt-losenord") for link in links(note))


def test_registering_an_unconfirmed_address_again_retires_the_first_link(
    browser, unit, db, mailbox
):
    register(browser, unit_id=str(unit.id), name="En Främling")
    first = confirmation_path(mailbox)
    register(browser, unit_id=str(unit.id), name="Anna Lindqvist")
    second = confirmation_path(mailbox)
    assert count(User) == 1
    assert "Länken gäller inte längre" in browser.post(first, {}, token_from="/logga-in").get_data(
        as_text=True
    )
    browser.post(second, {}, token_from="/logga-in")
    db.session.expire_all()
    user = db.session.execute(select(User)).scalar_one()
    assert user.name == "Anna Lindqvist"
    assert user.email_confirmed_at is not None


def test_mail_to_one_recipient_is_limited(browser, unit, db, mailbox, app):
    limit = parse(app.config["ACCOUNT_MAIL_RATE_LIMIT_PER_RECIPIENT"]).amount
    for _ in range(limit):
        assert register(browser, unit_id=str(unit.id)).status_code == 302
    response = register(browser, unit_id=str(unit.id))
    assert response.status_code == 429
    assert len(mailbox.to("anna@kommun.example")) == limit
    # Another recipient is not held up by it.
    assert register(browser, email="bo@kommun.example", unit_id=str(unit.id)).status_code == 302


def test_a_mail_server_that_cannot_be_reached_gives_a_message(browser, unit, db, app, monkeypatch):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    monkeypatch.setitem(app.config, "MAIL_PORT", closed_port)
    response = register(browser, unit_id=str(unit.id))
    assert response.status_code == 200
    assert "kunde inte skickas just nu" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "Formuläret har fel"),
        ({"name": "   "}, "Skriv ditt namn."),
        ({"name": "x" * 121}, "Formuläret har fel"),
        ({"email": "not an address"}, "Formuläret har fel"),
        ({"email": "a" * 250 + "@kommun.example"}, "Formuläret har fel"),
        ({"password": "kort"}, "Formuläret har fel"),
        ({"password": "password123"}, "ett av de vanligaste"),
        ({"unit_id": ""}, "Välj din enhet i listan."),
        ({"unit_id": "999999"}, "Välj din enhet i listan."),
        ({"unit_id": "abc"}, "Välj din enhet i listan."),
        ({"unit_id": "9" * 25}, "Välj din enhet i listan."),
    ],
)
def test_bad_registration_input_is_refused(browser, unit, db, mailbox, fields, message):
    response = register(browser, **{"unit_id": str(unit.id), **fields})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert count(User) == 0
    assert mailbox.messages == []


def test_retired_unit_cannot_be_chosen(browser, unit, db):
    db.session.get(Unit, unit.id).retired = True
    db.session.commit()
    response = register(browser, unit_id=str(unit.id))
    assert "Välj din enhet i listan." in response.get_data(as_text=True)
    assert count(User) == 0


def test_form_keeps_what_was_typed(browser, unit, db):
    response = register(browser, name="Bo Ek", email="bo@gmail.com", unit_id=str(unit.id))
    html = response.get_data(as_text=True)
    assert 'value="Bo Ek"' in html
    assert 'value="bo@gmail.com"' in html
    assert f'<option selected value="{unit.id}">' in html
    assert "björkar" not in html  # the password is never echoed back


def test_register_without_csrf_token_changes_nothing(client, unit, db):
    response = client.post(
        "/registrera",
        data={
            "name": "Anna",
            "email": "anna@kommun.example",
            "password": "björkar och bråk i åk 7",
            "unit_id": str(unit.id),
        },
    )
    assert response.status_code == 400
    assert count(User) == 0


def test_registration_is_rate_limited_per_client_address(browser, unit, db, app, monkeypatch):
    # A small limit of the setting's own, to show the view reads it.
    monkeypatch.setitem(app.config, "REGISTRATION_RATE_LIMIT_PER_ADDRESS", "3 per hour")
    for number in range(3):
        response = register(browser, email=f"anna{number}@gmail.com", unit_id=str(unit.id))
        assert response.status_code == 200
    response = register(browser, unit_id=str(unit.id))  # even good input waits
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert '<html lang="sv">' in html
    assert "För många försök" in html
    assert count(User) == 0


def test_registration_is_closed_without_allowed_domains(browser, unit, db, app, monkeypatch):
    link = 'href="/registrera"'
    assert link in browser.client.get("/logga-in").get_data(as_text=True)
    monkeypatch.setitem(app.config, "ALLOWED_EMAIL_DOMAINS", ())
    response = browser.client.get("/registrera")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Registreringen är stängd" in html
    assert "Be en administratör" in html
    assert 'name="email"' not in html
    response = register(browser, unit_id=str(unit.id))
    assert "Registreringen är stängd" in response.get_data(as_text=True)
    assert count(User) == 0
    # The sign-in page no longer offers it.
    assert link not in browser.client.get("/logga-in").get_data(as_text=True)
