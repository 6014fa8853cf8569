"""Reporting a try over HTTP: the form, its refusals, who may do what, and where the
evidence shows (the page, search, the API)."""

import threading

from sqlalchemy import func, select

from share.materials.models import EvidenceLevel, Material
from share.notifications.models import Notification, NotificationKind
from share.search.index import apply_changes
from share.search.services import clean_request, search
from share.tries.models import TryReport
from share.tries.services import save_report
from tests.support.accounts import PASSWORD


def form(db, **overrides) -> dict:
    from share.vocabularies.models import SchoolForm

    school_form = db.session.execute(
        select(SchoolForm.id).where(SchoolForm.slug == "grundskola-4-6")
    ).scalar_one()
    data = {
        "school_form_id": str(school_form),
        "group_description": "åk 4, 24 elever",
        "tried_month": "3",
        "tried_year": "2026",
        "outcome": "well",
        "bases": ["observation", "results"],
        "adaptations": "Bildstöd",
        "reflection": "Det fungerade.",
    }
    data.update(overrides)
    return data


def reports(db) -> int:
    return db.session.execute(select(func.count()).select_from(TryReport)).scalar_one()


def sign_in(browser, user) -> None:
    assert browser.sign_in(user.email, PASSWORD).status_code == 302


def test_report_a_try_and_see_it_on_the_material(browser, db, method, colleague):
    reporter = colleague("söder", 0, name="Selma Söder")
    sign_in(browser, reporter)
    path = f"/material/{method.id}/jag-har-provat"
    page = browser.client.get(path).get_data(as_text=True)
    assert "namnge aldrig en elev" in page  # the reminder not to name pupils
    response = browser.post(path, form(db), token_from=path)
    assert response.status_code == 302
    shown = browser.client.get(f"/material/{method.id}").get_data(as_text=True)
    assert "Selma Söder" in shown and "Söderskolan 1" in shown
    assert "Provad av 1 kollega på 1 enhet i 1 skolområde; 1 fungerade bra." in shown
    assert 'class="badge badge--evidence badge--tried"' in shown
    notification = db.session.execute(select(Notification)).scalar_one()
    assert notification.recipient_id == method.author_id
    assert notification.kind == NotificationKind.TRY_REPORTED


def test_bad_input_gets_a_message_and_saves_nothing(browser, db, method, colleague):
    sign_in(browser, colleague("söder", 0))
    path = f"/material/{method.id}/jag-har-provat"
    for overrides, message in [
        ({"outcome": ""}, "Säg hur det gick"),
        ({"bases": []}, "Välj minst en"),
        ({"group_description": "x" * 121}, "121"),
        ({"tried_year": str(__import__("datetime").date.today().year + 1)}, "Formuläret har fel"),
        ({"school_form_id": "999999"}, "Formuläret har fel"),
        ({"tried_month": "13"}, "Formuläret har fel"),
    ]:
        response = browser.post(path, form(db, **overrides), token_from=path)
        assert response.status_code == 200, overrides
        body = response.get_data(as_text=True)
        assert message in body or "Formuläret har fel" in body, overrides
    assert reports(db) == 0


def test_a_month_in_the_future_is_refused(browser, db, method, colleague):
    from datetime import date

    today = date.today()
    if today.month == 12:  # no later month this year to try
        return
    sign_in(browser, colleague("söder", 0))
    path = f"/material/{method.id}/jag-har-provat"
    data = form(db, tried_year=str(today.year), tried_month=str(today.month + 1))
    response = browser.post(path, data, token_from=path)
    assert "kan inte ligga i framtiden" in response.get_data(as_text=True)
    assert reports(db) == 0


def test_what_is_written_renders_inert(browser, db, method, colleague):
    sign_in(browser, colleague("söder", 0))
    path = f"/material/{method.id}/jag-har-provat"
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    data = form(db, group_description=attack[:100], adaptations=attack, reflection=attack)
    assert browser.post(path, data, token_from=path).status_code == 302
    shown = browser.client.get(f"/material/{method.id}").get_data(as_text=True)
    assert "<script>alert" not in shown and "<img src=x" not in shown
    assert "&lt;script&gt;" in shown


def test_the_author_may_not_report_and_nobody_may_withdraw_another_report(
    browser, db, method, colleague, report_draft
):
    other = save_report(method, colleague("söder", 0), report_draft())
    db.session.commit()
    sign_in(browser, method.author)
    path = f"/material/{method.id}/jag-har-provat"
    assert browser.client.get(path).status_code == 403
    assert browser.post(path, form(db), token_from="/").status_code == 403
    withdraw = f"/material/{method.id}/jag-har-provat/{other.id}/ta-bort"
    assert browser.post(withdraw, {}, token_from="/").status_code == 404
    assert reports(db) == 1


def test_a_draft_cannot_be_reported_on(browser, db, method, colleague):
    from share.materials.services import unpublish_material

    unpublish_material(method, method.author)
    db.session.commit()
    sign_in(browser, colleague("söder", 0))
    path = f"/material/{method.id}/jag-har-provat"
    assert browser.client.get(path).status_code == 404


def test_without_csrf_nothing_is_saved(browser, db, method, colleague):
    sign_in(browser, colleague("söder", 0))
    path = f"/material/{method.id}/jag-har-provat"
    assert browser.client.post(path, data=form(db)).status_code == 400
    assert reports(db) == 0


def test_two_colleagues_reporting_at_once_both_count(app, db, method, colleague, report_draft):
    reporters = [colleague("söder", 0).id, colleague("väster", 0).id]
    draft, material_id = report_draft(), method.id
    start = threading.Barrier(len(reporters))
    errors = []

    def report_as(user_id: int) -> None:
        from share.auth.models import User
        from share.extensions import db as database

        with app.app_context():
            try:
                user = database.session.get(User, user_id)
                material = database.session.get(Material, material_id)
                start.wait(timeout=10)
                save_report(material, user, draft)
                database.session.commit()
            except Exception as error:  # noqa: BLE001 (reported below)
                errors.append(error)
            finally:
                database.session.remove()

    threads = [threading.Thread(target=report_as, args=(user_id,)) for user_id in reporters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    db.session.expire_all()
    material = db.session.get(Material, material_id)
    assert reports(db) == 2
    assert material.tried_by_count == 2
    assert material.evidence_level == EvidenceLevel.TRIED


def test_evidence_filters_and_sorts_in_search_and_shows_in_the_api(
    browser, db, method, colleague, report_draft, make_user
):
    from share.materials.models import Licence, MaterialKind
    from share.materials.services import MaterialDraft, create_material

    untried = create_material(
        method.author,
        MaterialDraft(
            kind=MaterialKind.METHOD,
            title="Läslogg",
            summary="Lässtrategier i loggbok.",
            licence=Licence.CC_BY,
            terms={"core_process": [method.core_processes[0].id]},
        ),  # fmt: skip
        publish=True,
    )
    db.session.commit()
    for area, unit in (("söder", 0), ("väster", 0)):
        save_report(method, colleague(area, unit), report_draft(adaptations="NPF-anpassad tavla"))
        db.session.commit()
    apply_changes()

    def titles(text="", filters=None, sort="relevance"):
        result = search(clean_request(text, filters or {}, sort, 1, 20))
        return [hit.material.title for hit in result.hits], result

    found, result = titles("lässtrategier")
    assert set(found) == {"Läsfixarna", "Läslogg"}
    assert result.facets["evidence"] == {"tried": 1, "untried": 1}
    assert titles("lässtrategier", {"evidence": ["tried"]})[0] == ["Läsfixarna"]
    assert titles(sort="most_tried")[0] == ["Läsfixarna", "Läslogg"]
    # What colleagues wrote in their reports finds the method too.
    assert titles("tavla")[0] == ["Läsfixarna"]

    sign_in(browser, make_user())
    api = browser.client.get(f"/api/v1/materials/{method.id}").get_json()
    assert api["evidence"]["level"] == "tried" and api["evidence"]["tried_by"] == 2
    assert api["evidence"]["areas"] == 2 and api["evidence"]["went_well"] == 2
    hits = browser.client.get("/api/v1/search?q=läsfixarna").get_json()["results"]
    assert hits[0]["evidence_level"] == "tried" and hits[0]["tried_by"] == 2
    assert browser.client.get(f"/api/v1/materials/{untried.id + 1000}").status_code == 404


def test_the_about_page_explains_the_levels(browser, db, make_user):
    sign_in(browser, make_user())
    page = browser.client.get("/om-nivaerna").get_data(as_text=True)
    assert "Beprövad erfarenhet" in page and "minst 3 enheter" in page
