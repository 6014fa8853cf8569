import pytest

from tests.support.materials import create


def test_browse_pages_list_published_materials(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form)
    create(browser, material_form, title="Hemligt utkast", action="draft")
    material = only_material_by_title(db, "Exit tickets i matematik")
    for path in (
        "/utforska",
        "/huvudprocess/synligt-larande",
        "/skolform/grundskola-4-6",
        "/amne/matematik",
        f"/omrade/{material.area_id}",
    ):
        html = browser.client.get(path).get_data(as_text=True)
        assert "Exit tickets i matematik" in html, path
        assert "Hemligt utkast" not in html, path
    assert "Exit tickets" not in browser.client.get("/amne/musik").get_data(as_text=True)
    mine = browser.client.get("/mina-material").get_data(as_text=True)
    assert "Hemligt utkast" in mine and "Utkast" in mine


def only_material_by_title(db, title):
    from sqlalchemy import select

    from share.materials.models import Material

    return db.session.execute(select(Material).where(Material.title == title)).scalar_one()


def test_core_process_page_shows_its_description(browser, signed_in):
    signed_in()
    html = browser.client.get("/huvudprocess/vardegrund").get_data(as_text=True)
    assert "Värdegrund" in html and "hbtq" in html


@pytest.mark.parametrize("page", ["-1", "abc", "1000000000", "0"])
def test_odd_page_numbers_are_harmless(browser, signed_in, material_form, page):
    signed_in()
    create(browser, material_form)
    assert browser.client.get(f"/utforska?page={page}").status_code == 200


def test_unknown_terms_and_areas_are_404(browser, signed_in):
    signed_in()
    assert browser.client.get("/amne/finns-inte").status_code == 404
    assert browser.client.get("/omrade/999999").status_code == 404
    assert browser.client.get("/kategori/x").status_code == 404


def test_browsing_requires_sign_in(client):
    assert client.get("/utforska").status_code == 302


def test_start_page_shows_the_newest(browser, signed_in, material_form):
    signed_in()
    create(browser, material_form)
    html = browser.client.get("/").get_data(as_text=True)
    assert "Exit tickets i matematik" in html
    assert 'href="/huvudprocess/vardegrund"' in html
