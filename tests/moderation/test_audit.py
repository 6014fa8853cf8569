"""The audit log: every act of an administrator or a moderator writes exactly one entry with
its actor; admins read it filtered; nobody changes it."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from share.audit import AuditEvent, record_audit
from share.materials.models import MaterialStatus
from share.schools.models import Area, Unit
from share.search.models import SynonymGroup
from share.vocabularies.models import Subject
from share.vocabularies.services import list_terms


def entries(db) -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars())


def subject(db, slug: str = "matematik") -> Subject:
    return db.session.execute(select(Subject).where(Subject.slug == slug)).scalar_one()


def first_subject(db) -> Subject:
    return list_terms(Subject)[0]


def _unit(db, name: str) -> Unit:
    return db.session.execute(select(Unit).where(Unit.name == name)).scalar_one()


def _area(db, name: str) -> Area:
    return db.session.execute(select(Area).where(Area.name == name)).scalar_one()


# Each act: how to make the request from the town and the database (its path and form).


def _role(town, db):
    return f"/admin/anvandare/{town.author.id}/roll", {"role": "editor"}


def _deactivate(town, db):
    return f"/admin/anvandare/{town.author.id}/aktiv", {"active": "0"}


def _add_area(town, db):
    return "/admin/omraden", {"name": "Skolområde Väster"}


def _rename_area(town, db):
    return f"/admin/omraden/{_area(db, 'Skolområde Söder').id}", {"name": "Skolområde Syd"}


def _retire_area(town, db):
    south = _area(db, "Skolområde Söder")
    return f"/admin/omraden/{south.id}", {"name": south.name, "retired": "y"}


def _add_unit(town, db):
    area_id = str(town.author.unit.area_id)
    return "/admin/enheter", {"name": "Förskolan Myran", "kind": "preschool", "area_id": area_id}


def _move_unit(town, db):
    area_id = str(_area(db, "Skolområde Söder").id)
    unit = _unit(db, "Norrskolan")
    return f"/admin/enheter/{unit.id}", {"name": unit.name, "kind": "school", "area_id": area_id}


def _add_term(town, db):
    return "/admin/ordlistor/amnen", {"name_sv": "Programmering", "name_en": "Programming"}


def _rename_term(town, db):
    form = {"name_sv": "Matte", "name_en": "Maths", "description_sv": "", "description_en": ""}
    return f"/admin/ordlistor/amnen/{subject(db).id}", form


def _retire_term(town, db):
    return f"/admin/ordlistor/amnen/{subject(db).id}/pensionera", {"retired": "1"}


def _move_term(town, db):
    return f"/admin/ordlistor/amnen/{first_subject(db).id}/flytta", {"direction": "down"}


def _add_synonyms(town, db):
    return "/admin/synonymer", {"terms": "rast, lek"}


def _remove_synonyms(town, db):
    group = SynonymGroup(terms="rast,lek")
    db.session.add(group)
    db.session.commit()
    return f"/admin/synonymer/{group.id}/ta-bort", {}


def _purge(town, db):
    town.material.status = MaterialStatus.REMOVED
    db.session.commit()
    return f"/admin/borttaget/{town.material.id}/radera", {}


def _hide_material(town, db):
    return f"/material/{town.material.id}/dolj", {}


def _confirm_research(town, db):
    town.material.research_basis = "Black & Wiliam (1998)."
    db.session.commit()
    return f"/material/{town.material.id}/forskningsgrund", {}


ACTS = [
    # (who acts, the request, the action logged, its object type)
    pytest.param("admin", _role, "user.role_editor", "user", id="role"),
    pytest.param("admin", _deactivate, "user.deactivated", "user", id="deactivate"),
    pytest.param("admin", _add_area, "area.added", "area", id="add-area"),
    pytest.param("admin", _rename_area, "area.renamed", "area", id="rename-area"),
    pytest.param("admin", _retire_area, "area.retired", "area", id="retire-area"),
    pytest.param("admin", _add_unit, "unit.added", "unit", id="add-unit"),
    pytest.param("admin", _move_unit, "unit.moved", "unit", id="move-unit"),
    pytest.param("admin", _add_term, "term.added", "subject", id="add-term"),
    pytest.param("admin", _rename_term, "term.renamed", "subject", id="rename-term"),
    pytest.param("admin", _retire_term, "term.retired", "subject", id="retire-term"),
    pytest.param("admin", _move_term, "term.moved", "subject", id="move-term"),
    pytest.param("admin", _add_synonyms, "synonyms.added", "synonym_group", id="add-synonyms"),
    pytest.param(
        "admin", _remove_synonyms, "synonyms.removed", "synonym_group", id="remove-synonyms"
    ),
    pytest.param("admin", _purge, "material.purged", "material", id="purge"),
    pytest.param("editor", _hide_material, "material.hidden", "material", id="hide-material"),
    pytest.param(
        "editor",
        _confirm_research,
        "material.research_confirmed",
        "material",
        id="confirm-research",
    ),
]


@pytest.mark.parametrize(("who", "request_for", "action", "object_type"), ACTS)
def test_every_admin_and_moderator_act_writes_one_entry_with_its_actor(
    who, request_for, action, object_type, town, client_for, db
):
    actor = getattr(town, who)
    browser = client_for(actor)
    path, data = request_for(town, db)
    response = browser.post(path, data, token_from="/")
    assert response.status_code == 302, response.text
    [entry] = entries(db)
    assert (entry.action, entry.actor_id, entry.object_type) == (action, actor.id, object_type)
    assert entry.object_id is not None and entry.object_label


def test_showing_a_hidden_material_again_is_logged_too(town, client_for, db):
    editor = client_for(town.editor)
    editor.post(f"/material/{town.material.id}/dolj", {}, token_from="/")
    editor.post(f"/material/{town.material.id}/visa", {}, token_from="/")
    assert [e.action for e in entries(db)] == ["material.hidden", "material.shown"]


def test_a_save_that_changes_nothing_or_is_refused_writes_nothing(town, client_for, db):
    admin = client_for(town.admin)
    south = db.session.execute(select(Area).where(Area.name == "Skolområde Söder")).scalar_one()
    admin.post(f"/admin/omraden/{south.id}", {"name": "Skolområde Söder"}, token_from="/")
    admin.post("/admin/omraden", {"name": "Skolområde Söder"}, token_from="/")  # name taken
    admin.post(f"/admin/anvandare/{town.admin.id}/roll", {"role": "teacher"}, token_from="/")
    admin.post(f"/admin/ordlistor/amnen/{subject(db).id}/pensionera", {"retired": "0"},
               token_from="/")  # fmt: skip
    assert entries(db) == []


def test_an_admin_act_without_the_csrf_token_changes_nothing(town, client_for, db):
    admin = client_for(town.admin)
    response = admin.client.post(f"/admin/anvandare/{town.author.id}/roll", data={"role": "admin"})
    assert response.status_code == 400
    assert entries(db) == []


# --- reading the log ---------------------------------------------------------------------


@pytest.fixture
def logged(town, db):
    """Four entries by two actors on three days (Stockholm is UTC+1 in winter)."""

    def entry(actor, action, object_type, when, label):
        event = record_audit(actor, action, object_type, 1, label=label)
        event.created_at = when

    entry(town.admin, "area.added", "area", datetime(2026, 1, 10, 12, tzinfo=UTC), "Första")
    entry(town.editor, "material.hidden", "material", datetime(2026, 1, 11, 23, 30, tzinfo=UTC),
          "Andra")  # fmt: skip
    entry(town.admin, "user.deactivated", "user", datetime(2026, 1, 12, 9, tzinfo=UTC), "Tredje")
    entry(town.editor, "flag.dismissed", "try_report", datetime(2026, 1, 13, 9, tzinfo=UTC),
          "Fjärde")  # fmt: skip
    db.session.commit()


def labels_on(browser, query: str = "") -> list[str]:
    html = browser.client.get(f"/admin/logg{query}").text
    return [
        name for name in ("Första", "Andra", "Tredje", "Fjärde") if f'lang="sv">{name}<' in html
    ]


def test_the_log_lists_newest_first_and_filters(logged, town, client_for):
    admin = client_for(town.admin)
    html = admin.client.get("/admin/logg").text
    assert html.index("Fjärde") < html.index("Tredje") < html.index("Andra") < html.index("Första")
    assert "kan inte ändras eller tas bort" in html
    assert labels_on(admin, "?action=material.hidden") == ["Andra"]
    assert labels_on(admin, "?actor_email=rektor") == ["Andra", "Fjärde"]
    assert labels_on(admin, "?actor_email=ERIK.REKTOR%40kommun.example") == ["Andra", "Fjärde"]
    assert labels_on(admin, "?object_type=user") == ["Tredje"]
    # 23:30 UTC on the 11th is half past midnight on the 12th in Stockholm.
    assert labels_on(admin, "?since=2026-01-12&until=2026-01-12") == ["Andra", "Tredje"]
    assert labels_on(admin, "?since=2026-01-13") == ["Fjärde"]
    assert labels_on(admin, "?until=2026-01-10") == ["Första"]
    assert labels_on(admin, "?action=user.deactivated&actor_email=rektor") == []
    # A date that is no date is said so and filters nothing; a wildcard is a character.
    response = admin.client.get("/admin/logg?since=igår")
    assert response.status_code == 200 and len(labels_on(admin, "?since=igår")) == 4
    assert labels_on(admin, "?actor_email=%25") == []


def test_the_log_is_paginated(town, client_for, db):
    for number in range(55):
        record_audit(town.admin, "area.added", "area", number, label=f"Område {number}")
    db.session.commit()
    admin = client_for(town.admin)
    first = admin.client.get("/admin/logg").text
    assert "Område 54" in first and "Område 4<" not in first
    assert "Område 4<" in admin.client.get("/admin/logg?page=2").text


def test_only_admins_read_the_log_and_nobody_changes_it(logged, town, client_for, db):
    assert client_for(town.editor).client.get("/admin/logg").status_code == 403
    assert client_for(town.reporter).client.get("/admin/logg").status_code == 403
    admin = client_for(town.admin)
    for method in ("post", "put", "delete", "patch"):
        assert getattr(admin.client, method)("/admin/logg").status_code in (400, 405)
    assert admin.post("/admin/logg", {"action": "x"}, token_from="/").status_code == 405
    assert len(entries(db)) == 4
    html = admin.client.get("/admin/").text
    assert 'href="/admin/logg"' in html
