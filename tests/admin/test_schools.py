import pytest
from sqlalchemy import select

from share.auth.models import Role
from share.schools import services
from share.schools.models import Area, Unit, UnitKind
from tests.support.database import count


def test_add_rename_and_retire_an_area(browser, signed_in, db):
    signed_in(role=Role.ADMIN)
    response = browser.post("/admin/omraden", {"name": "  Skolområde   Norr "})
    assert response.status_code == 302
    area = db.session.execute(select(Area).where(Area.name == "Skolområde Norr")).scalar_one()
    browser.post(f"/admin/omraden/{area.id}", {"name": "Skolområde Nord", "retired": "y"})
    db.session.expire_all()
    area = db.session.get(Area, area.id)
    assert (area.name, area.retired) == ("Skolområde Nord", True)


def test_duplicate_or_empty_area_name_is_refused(browser, signed_in, unit, db):
    signed_in(role=Role.ADMIN)
    before = count(Area)
    for name in ("skolområde test", "   ", "x" * 121):
        response = browser.post("/admin/omraden", {"name": name})
        assert response.status_code == 200
        assert "Formuläret har fel" in response.get_data(as_text=True)
    assert count(Area) == before


def test_add_and_move_a_unit(browser, signed_in, unit, db):
    signed_in(role=Role.ADMIN)
    south = Area(name="Skolområde Söder")
    db.session.add(south)
    db.session.commit()
    response = browser.post(
        "/admin/enheter",
        {"name": "Förskolan Myran", "kind": "preschool", "area_id": str(unit.area_id)},
    )
    assert response.status_code == 302
    new = db.session.execute(select(Unit).where(Unit.name == "Förskolan Myran")).scalar_one()
    browser.post(
        f"/admin/enheter/{new.id}",
        {"name": "Förskolan Myran", "kind": "preschool", "area_id": str(south.id)},
    )
    db.session.expire_all()
    assert db.session.get(Unit, new.id).area.name == "Skolområde Söder"


def test_bad_unit_input_changes_nothing(browser, signed_in, unit, db):
    signed_in(role=Role.ADMIN)
    retired = Area(name="Gamla området", retired=True)
    db.session.add(retired)
    db.session.commit()
    before = count(Unit)
    for data in (
        {"name": "Ny", "kind": "preschool", "area_id": "999999"},
        {"name": "Ny", "kind": "castle", "area_id": str(unit.area_id)},
        {"name": "Testskolan", "kind": "school", "area_id": str(unit.area_id)},
        {"name": "Ny", "kind": "school", "area_id": str(retired.id)},
    ):
        response = browser.post("/admin/enheter", data)
        assert response.status_code == 200, data
    assert count(Unit) == before


def test_missing_area_and_unit_are_404(browser, signed_in):
    signed_in(role=Role.ADMIN)
    assert browser.client.get("/admin/omraden/999999").status_code == 404
    assert browser.client.get("/admin/enheter/999999").status_code == 404


@pytest.mark.parametrize("spelling", [str, str.lower], ids=["same case", "other case"])
def test_a_name_taken_since_the_check_gets_the_message_not_a_500(
    browser, signed_in, unit, db, monkeypatch, spelling
):
    """Two admins saving the same name at once both pass the service's check; the unique
    index refuses the later one, which must get the same message as a plain duplicate. The
    service compares names lowercased, and so does the index."""
    signed_in(role=Role.ADMIN)
    other_area = Area(name="Skolområde Annat")
    other_unit = Unit(name="Annanskolan", kind=UnitKind.SCHOOL, area=other_area)
    db.session.add_all([other_area, other_unit])
    db.session.commit()
    monkeypatch.setattr(services, "_name_taken", lambda *args: False)
    area_taken = {"name": spelling("Skolområde Test")}
    unit_taken = {"name": spelling("Testskolan"), "kind": "school", "area_id": str(unit.area_id)}
    for path, data in [
        ("/admin/omraden", area_taken),
        (f"/admin/omraden/{other_area.id}", area_taken),
        ("/admin/enheter", unit_taken),
        (f"/admin/enheter/{other_unit.id}", unit_taken),
    ]:
        response = browser.post(path, data)
        assert response.status_code == 200, path
        assert f"Namnet {data['name']} används redan." in response.get_data(as_text=True), path
    assert (count(Area), count(Unit)) == (2, 2)
    db.session.expire_all()
    assert db.session.get(Area, other_area.id).name == "Skolområde Annat"
    assert db.session.get(Unit, other_unit.id).name == "Annanskolan"
