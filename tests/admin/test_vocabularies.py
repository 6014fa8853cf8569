from sqlalchemy import select

from share.auth.models import Role
from share.vocabularies.models import CoreProcess, Subject
from share.vocabularies.services import list_terms
from tests.support.database import count


def subject(db, slug: str) -> Subject:
    db.session.expire_all()
    return db.session.execute(select(Subject).where(Subject.slug == slug)).scalar_one()


def test_rename_keeps_the_slug(browser, signed_in, db):
    signed_in(role=Role.ADMIN)
    math = subject(db, "matematik")
    response = browser.post(
        f"/admin/ordlistor/amnen/{math.id}",
        {"name_sv": "Matte", "name_en": "Maths", "description_sv": "", "description_en": ""},
    )
    assert response.status_code == 302
    renamed = subject(db, "matematik")
    assert (renamed.name_sv, renamed.name_en) == ("Matte", "Maths")


def test_empty_swedish_name_is_refused(browser, signed_in, db):
    signed_in(role=Role.ADMIN)
    math = subject(db, "matematik")
    response = browser.post(f"/admin/ordlistor/amnen/{math.id}", {"name_sv": " ", "name_en": ""})
    assert response.status_code == 200
    assert subject(db, "matematik").name_sv == "Matematik"


def test_reorder(browser, signed_in, db):
    signed_in(role=Role.ADMIN)
    first, second = list_terms(CoreProcess)[:2]
    browser.post(f"/admin/ordlistor/huvudprocesser/{second.id}/flytta", {"direction": "up"})
    db.session.expire_all()
    assert [t.id for t in list_terms(CoreProcess)[:2]] == [second.id, first.id]
    # The first cannot move further up; a bad direction is refused.
    browser.post(f"/admin/ordlistor/huvudprocesser/{second.id}/flytta", {"direction": "up"})
    response = browser.post(
        f"/admin/ordlistor/huvudprocesser/{second.id}/flytta", {"direction": "sideways"}
    )
    assert response.status_code == 400
    db.session.expire_all()
    assert [t.id for t in list_terms(CoreProcess)[:2]] == [second.id, first.id]


def test_retire_and_use_again_never_deletes(browser, signed_in, db):
    signed_in(role=Role.ADMIN)
    before = count(Subject)
    music = subject(db, "musik")
    browser.post(f"/admin/ordlistor/amnen/{music.id}/pensionera", {"retired": "1"})
    assert subject(db, "musik").retired
    assert count(Subject) == before
    assert all(t.slug != "musik" for t in list_terms(Subject, include_retired=False))
    browser.post(f"/admin/ordlistor/amnen/{music.id}/pensionera", {"retired": "0"})
    assert not subject(db, "musik").retired


def test_add_a_term(browser, signed_in, db):
    signed_in(role=Role.ADMIN)
    response = browser.post(
        "/admin/ordlistor/amnen", {"name_sv": "Programmering och datalogi", "name_en": "Coding"}
    )
    assert response.status_code == 302
    added = subject(db, "programmering-och-datalogi")
    assert added.position == max(t.position for t in list_terms(Subject))


def test_adding_a_taken_name_is_refused(browser, signed_in, db):
    signed_in(role=Role.ADMIN)
    before = count(Subject)
    response = browser.post("/admin/ordlistor/amnen", {"name_sv": "Slöjd", "name_en": ""})
    assert "används redan" in response.get_data(as_text=True)
    response = browser.post("/admin/ordlistor/amnen", {"name_sv": "!!!", "name_en": ""})
    assert "minst en bokstav" in response.get_data(as_text=True)
    assert count(Subject) == before
