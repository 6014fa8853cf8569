"""The front door: what a visitor who is not signed in sees at /, and that it shows no
material, only how many there are."""

import re

from share.extensions import db as database
from share.schools.models import Area, Unit, UnitKind
from tests.support.materials import publish_material


def test_signed_out_visitors_get_a_front_page(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.count("<h1") == 1 and "Dela – kollegor delar det som fungerar" in html
    assert "Logga in för att se sidan" not in html
    assert "barn- och ungdomsförvaltningen" in html
    for process in (
        "Språk och kommunikation",
        "Utvecklad undervisning / synligt lärande",
        "IKT i lärandet",
        "Värdegrund",
        "Barn/elever i behov av särskilt stöd och i behov av utmaningar",
    ):
        assert process in html
    assert "Inget är delat än" in html
    assert re.search(r'<form method="post" action="/logga-in"', html)
    assert 'name="csrf_token"' in html and 'name="password"' in html
    assert 'href="/registrera"' in html


def test_the_front_page_counts_published_materials_and_their_areas(client, make_user, unit):
    north = make_user()
    other_area = Area(name="Skolområde Annat")
    other_unit = Unit(name="Annanskolan", kind=UnitKind.SCHOOL, area=other_area)
    third_area = Area(name="Skolområde Tredje")
    third_unit = Unit(name="Tredjeskolan", kind=UnitKind.SCHOOL, area=third_area)
    database.session.add_all([other_area, other_unit, third_area, third_unit])
    database.session.commit()
    south = make_user(email="syd@kommun.example")
    south.unit_id = other_unit.id
    drafter = make_user(email="utkast@kommun.example")
    drafter.unit_id = third_unit.id
    database.session.commit()
    publish_material(north, "Bråkremsor i åk 4")
    publish_material(north, "Exit tickets i matematik")
    publish_material(south, "Högläsning med bildstöd")
    publish_material(drafter, "Hemligt utkast om värdegrund", draft=True)

    html = client.get("/").get_data(as_text=True)
    assert "3 metoder och material är delade från 2 skolområden." in html
    for private in ("Bråkremsor", "Exit tickets", "Högläsning", "Hemligt utkast", "Användare"):
        assert private not in html


def test_the_front_page_speaks_english_when_asked(browser, db):
    browser.post("/sprak", {"language": "en"})
    html = browser.client.get("/").get_data(as_text=True)
    assert "Dela: colleagues share what works" in html
    assert "Language and communication" in html


def test_closed_registration_says_whom_to_ask(app, client):
    domains = app.config["ALLOWED_EMAIL_DOMAINS"]
    app.config["ALLOWED_EMAIL_DOMAINS"] = ()
    try:
        html = client.get("/").get_data(as_text=True)
    finally:
        app.config["ALLOWED_EMAIL_DOMAINS"] = domains
    assert 'href="/registrera"' not in html
    assert "Be en administratör i din kommun" in html


def test_the_front_page_form_signs_in_to_the_start_page(browser, make_user):
    user = make_user()
    response = browser.post(
        "/logga-in", {"email": user.email, "password": "correct horse battery"}, token_from="/"
    )
    assert response.headers["Location"] == "/"
    html = browser.client.get("/").get_data(as_text=True)
    assert f"Välkommen till Dela, {user.name}" in html
    assert "Dela – kollegor delar det som fungerar" not in html
