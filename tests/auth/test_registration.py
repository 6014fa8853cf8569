import pytest
from sqlalchemy import select

from share.auth.models import Role, User
from share.schools.models import Unit
from tests.support.database import count


def register(browser, **fields):
    data = {
        "name": "Anna Lindqvist",
        "email": "anna@kommun.example",
        "password": "björkar och bråk i åk 7",
        **fields,
    }
    return browser.post("/registrera", data, token_from="/registrera")


def test_register_with_allowed_domain(browser, unit, db):
    response = register(browser, unit_id=str(unit.id))
    assert response.status_code == 302
    user = db.session.execute(select(User)).scalar_one()
    assert user.email == "anna@kommun.example"
    assert user.role == Role.TEACHER
    assert user.unit_id == unit.id
    assert user.area.name == "Skolområde Test"
    assert browser.client.get("/konto").status_code == 200  # signed in


def test_posted_role_is_ignored(browser, unit, db):
    register(browser, unit_id=str(unit.id), role="admin", active="0")
    user = db.session.execute(select(User)).scalar_one()
    assert user.role == Role.TEACHER
    assert user.active


def test_disallowed_domain_is_refused(browser, unit, db):
    response = register(browser, email="anna@gmail.com", unit_id=str(unit.id))
    assert response.status_code == 200
    assert "kommunens e-postdomäner" in response.get_data(as_text=True)
    assert count(User) == 0


def test_lookalike_domain_is_refused(browser, unit, db):
    response = register(browser, email="anna@evilkommun.example", unit_id=str(unit.id))
    assert "kommunens e-postdomäner" in response.get_data(as_text=True)
    assert count(User) == 0


def test_duplicate_email_in_other_letter_case_is_refused(browser, make_user, unit, db):
    make_user(email="anna@kommun.example")
    response = register(browser, email="ANNA@Kommun.Example", unit_id=str(unit.id))
    assert "Det finns redan ett konto" in response.get_data(as_text=True)
    assert count(User) == 1


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
def test_bad_registration_input_is_refused(browser, unit, db, fields, message):
    response = register(browser, **{"unit_id": str(unit.id), **fields})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert count(User) == 0


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
