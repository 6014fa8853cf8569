import io

import pytest
from sqlalchemy import select

from share.auth.models import Role
from share.materials.models import Material, MaterialRevision, MaterialStatus, Tag
from share.storage.models import StoredFile
from tests.support.builders import png_bytes, text_file
from tests.support.client import Browser
from tests.support.database import count
from tests.support.materials import create, only_material


def test_create_and_publish(browser, signed_in, material_form, db):
    user = signed_in()
    response = create(browser, material_form)
    assert response.status_code == 302
    material = only_material(db)
    assert response.headers["Location"] == f"/material/{material.id}"
    assert material.status == MaterialStatus.PUBLISHED
    assert material.author_id == user.id
    assert material.unit.name == "Testskolan" and material.area.name == "Skolområde Test"
    assert [t.slug for t in material.core_processes] == ["synligt-larande"]
    assert [t.name for t in material.tags] == ["exit tickets", "formativ bedömning"]
    page = browser.client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Exit tickets i matematik" in page
    assert "<strong>tre</strong>" in page
    assert "Anyone may use" in page or "Alla får använda" in page


def test_save_as_draft(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form, action="draft")
    material = only_material(db)
    assert material.status == MaterialStatus.DRAFT
    assert material.published_at is None and material.area is None


def test_create_with_two_files(browser, signed_in, material_form, db):
    signed_in()
    files = [
        text_file("Frågor:\n1. Vad lärde du dig?", "Frågor.txt"),
        (io.BytesIO(png_bytes()), "Bild.png"),
    ]
    response = create(browser, material_form, files=files)
    assert response.status_code == 302
    material = only_material(db)
    assert sorted(a.display_name for a in material.attachments) == ["Bild.png", "Frågor.txt"]
    assert len(material.revisions) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"core_process_ids": []}, "minst en huvudprocess"),
        ({"title": ""}, "Formuläret har fel"),
        ({"title": "x" * 201}, "Formuläret har fel"),
        ({"summary": "   "}, "sammanfattning"),
        ({"kind": "poem"}, "Formuläret har fel"),
        ({"licence": "all-rights-reserved"}, "Formuläret har fel"),
        ({"core_process_ids": ["999999"]}, "Formuläret har fel"),
        ({"tags": ", ".join(f"tagg{i}" for i in range(16))}, "Högst 15 taggar"),
    ],
)
def test_bad_input_changes_nothing(browser, signed_in, material_form, db, overrides, message):
    signed_in()
    response = create(browser, material_form, **overrides)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert count(Material) == 0 and count(Tag) == 0


def test_refused_file_leaves_no_material_and_no_file(browser, signed_in, material_form, db, app):
    signed_in()
    files = [
        (io.BytesIO(png_bytes()), "ok.png"),
        (io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200), "program.pdf"),
    ]
    response = create(browser, material_form, files=files)
    assert response.status_code == 422  # the form again, with the reason
    assert "Program och skript kan inte delas i Dela." in response.get_data(as_text=True)
    assert count(Material) == 0 and count(StoredFile) == 0
    upload_dir = app.config["UPLOAD_DIR"]
    import os

    leftovers = [f for _, _, names in os.walk(upload_dir) for f in names]
    assert leftovers == []


def test_posted_author_and_status_are_ignored(browser, signed_in, make_user, material_form, db):
    other = make_user()
    me = signed_in()
    create(browser, material_form, author_id=str(other.id), status="removed", action="draft")
    material = only_material(db)
    assert material.author_id == me.id
    assert material.status == MaterialStatus.DRAFT


def test_edit_keeps_history(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form)
    material = only_material(db)
    response = browser.post(
        f"/material/{material.id}/redigera",
        material_form(title="Exit tickets – tre frågor", action="save"),
        token_from=f"/material/{material.id}/redigera",
    )
    assert response.status_code == 302
    material = only_material(db)
    assert material.title == "Exit tickets – tre frågor"
    assert [r.number for r in material.revisions] == [1, 2]
    history = browser.client.get(f"/material/{material.id}/historik").get_data(as_text=True)
    assert "Titel" in history
    old = browser.client.get(f"/material/{material.id}/historik/1").get_data(as_text=True)
    assert "Exit tickets i matematik" in old


def test_edit_form_shows_the_material_and_a_post_without_some_fields_is_no_error(
    browser, signed_in, material_form, db
):
    signed_in()
    create(browser, material_form)
    material = only_material(db)
    form = browser.client.get(f"/material/{material.id}/redigera").get_data(as_text=True)
    assert 'value="Exit tickets i matematik"' in form
    assert 'value="exit tickets, formativ bedömning"' in form
    data = material_form(action="save", title="Utan taggar", author_id="1", status="removed")
    del data["tags"], data["body"]
    response = browser.post(
        f"/material/{material.id}/redigera", data, token_from=f"/material/{material.id}/redigera"
    )
    assert response.status_code == 302
    material = only_material(db)
    assert (material.title, material.tags, material.body) == ("Utan taggar", [], "")
    assert material.status == MaterialStatus.PUBLISHED


def test_saving_without_changes_adds_no_revision(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form)
    material = only_material(db)
    browser.post(
        f"/material/{material.id}/redigera",
        material_form(action="save"),
        token_from=f"/material/{material.id}/redigera",
    )
    assert count(MaterialRevision) == 1


def test_others_drafts_are_invisible_and_edits_forbidden(
    browser, signed_in, make_user, material_form, db, app
):
    signed_in()
    create(browser, material_form, action="draft")
    draft = only_material(db)
    stranger = make_user()
    other = Browser(app.test_client())
    other.sign_in(stranger.email)
    for path in (
        f"/material/{draft.id}",
        f"/material/{draft.id}/redigera",
        f"/material/{draft.id}/historik",
    ):
        assert other.client.get(path).status_code == 404, path
    # Published, a colleague may read but not edit.
    browser.post(f"/material/{draft.id}/publicera", {}, token_from=f"/material/{draft.id}")
    assert other.client.get(f"/material/{draft.id}").status_code == 200
    assert other.client.get(f"/material/{draft.id}/redigera").status_code == 403
    response = other.post(
        f"/material/{draft.id}/redigera",
        material_form(title="Kapad"),
        token_from=f"/material/{draft.id}",
    )
    assert response.status_code == 403
    response = other.post(f"/material/{draft.id}/ta-bort", {}, token_from=f"/material/{draft.id}")
    assert response.status_code == 403
    assert only_material(db).title == "Exit tickets i matematik"


def test_unpublish_and_remove(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form)
    material = only_material(db)
    browser.post(f"/material/{material.id}/avpublicera", {}, token_from="/")
    assert only_material(db).status == MaterialStatus.DRAFT
    browser.post(f"/material/{material.id}/ta-bort", {}, token_from="/")
    assert only_material(db).status == MaterialStatus.REMOVED
    assert browser.client.get(f"/material/{material.id}").status_code == 404
    assert "Exit tickets" not in browser.client.get("/mina-material").get_data(as_text=True)


def test_status_change_without_csrf_is_refused(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form)
    material = only_material(db)
    assert browser.client.post(f"/material/{material.id}/ta-bort").status_code == 400
    assert only_material(db).status == MaterialStatus.PUBLISHED


def test_editor_in_area_can_hide_teacher_elsewhere_cannot(
    browser, signed_in, make_user, material_form, db, app
):
    signed_in()
    create(browser, material_form)
    material = only_material(db)
    editor = make_user(role=Role.EDITOR)
    moderator = Browser(app.test_client())
    moderator.sign_in(editor.email)
    moderator.post(f"/material/{material.id}/dolj", {}, token_from="/")
    assert only_material(db).status == MaterialStatus.HIDDEN
    colleague = Browser(app.test_client())
    colleague.sign_in(make_user().email)
    assert colleague.client.get(f"/material/{material.id}").status_code == 404
    response = colleague.post(f"/material/{material.id}/visa", {}, token_from="/")
    assert response.status_code == 404


def test_editor_of_another_area_cannot_hide(browser, signed_in, make_user, material_form, db, app):
    from share.schools.models import Area, Unit, UnitKind

    signed_in()
    create(browser, material_form)
    material = only_material(db)
    elsewhere = Unit(name="Bortaskolan", kind=UnitKind.SCHOOL, area=Area(name="Skolområde Bort"))
    db.session.add(elsewhere)
    db.session.commit()
    editor = make_user(role=Role.EDITOR)
    editor.unit_id = elsewhere.id
    db.session.commit()
    outsider = Browser(app.test_client())
    outsider.sign_in(editor.email)
    page = outsider.client.get(f"/material/{material.id}").get_data(as_text=True)
    assert f"/material/{material.id}/dolj" not in page
    response = outsider.post(f"/material/{material.id}/dolj", {}, token_from="/")
    assert response.status_code == 403
    assert only_material(db).status == MaterialStatus.PUBLISHED


@pytest.mark.parametrize("action", ["avpublicera", "ta-bort"])
def test_editor_hides_but_leaves_unpublish_and_remove_to_the_author(
    browser, signed_in, make_user, material_form, db, app, action
):
    signed_in()
    create(browser, material_form)
    material = only_material(db)
    moderator = Browser(app.test_client())
    moderator.sign_in(make_user(role=Role.EDITOR).email)
    page = moderator.client.get(f"/material/{material.id}").get_data(as_text=True)
    assert f"/material/{material.id}/dolj" in page
    assert f"/material/{material.id}/{action}" not in page
    response = moderator.post(f"/material/{material.id}/{action}", {}, token_from="/")
    assert response.status_code == 403
    assert only_material(db).status == MaterialStatus.PUBLISHED


def test_body_is_sanitized(browser, signed_in, material_form, db):
    signed_in()
    body = (
        "<script>alert(1)</script>\n\n[klick](javascript:alert(2)) "
        "[ok](https://skolverket.se) <img src=x onerror=alert(3)>"
    )
    create(browser, material_form, body=body)
    page = browser.client.get(f"/material/{only_material(db).id}").get_data(as_text=True)
    assert "<script>alert" not in page and "<img" not in page
    assert 'href="javascript' not in page
    assert 'href="https://skolverket.se"' in page


def test_tag_suggestions(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form, tags="Läsförståelse, läsfixare, bråk")
    data = browser.client.get("/api/v1/taggar?prefix=LÄS").get_json()
    assert data["tags"] == ["läsfixare", "läsförståelse"]
    assert browser.client.get("/api/v1/taggar?prefix=%25").get_json()["tags"] == []


def test_tags_only_on_drafts_are_not_suggested(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form, tags="elevärende kalle", action="draft")
    assert browser.client.get("/api/v1/taggar?prefix=elev").get_json()["tags"] == []


def test_admin_purges_a_removed_material_and_its_unused_files(
    browser, signed_in, make_user, material_form, db, app
):
    from share.storage.services import stored_path

    signed_in()
    create(
        browser,
        material_form,
        files=[text_file("bara här", "egen.txt"), text_file("delad", "delad.txt")],
    )
    create(browser, material_form, title="Annat", files=[text_file("delad", "kopia.txt")])
    first = db.session.execute(select(Material).order_by(Material.id)).scalars().first()
    own, shared = (a.stored_file for a in first.attachments)
    own_path, shared_path, first_id = stored_path(own), stored_path(shared), first.id
    admin = Browser(app.test_client())
    admin.sign_in(make_user(role=Role.ADMIN).email)
    assert admin.post(f"/admin/borttaget/{first.id}/radera", {}).status_code == 302
    db.session.expire_all()  # not removed yet, so nothing happened
    assert db.session.execute(select(Material.id).where(Material.id == first_id)).first()
    browser.post(f"/material/{first.id}/ta-bort", {}, token_from="/")
    assert "Exit tickets" in admin.client.get("/admin/borttaget").get_data(as_text=True)
    admin.post(f"/admin/borttaget/{first_id}/radera", {})
    db.session.expire_all()
    assert db.session.execute(select(Material.id).where(Material.id == first_id)).first() is None
    assert not own_path.exists() and shared_path.exists()
    assert count(StoredFile) == 1 and count(MaterialRevision) == 1
    assert browser.client.get("/admin/borttaget").status_code == 403


def test_a_refused_file_in_an_edit_answers_422_with_the_form(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form)
    material = only_material(db)
    edit = f"/material/{material.id}/redigera"
    form = material_form(title="Ny titel", action="save")
    form["files"] = [(io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200), "program.pdf")]
    response = browser.post(edit, form, token_from=edit, content_type="multipart/form-data")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Program och skript kan inte delas i Dela." in html and 'value="Ny titel"' in html
    assert only_material(db).title == "Exit tickets i matematik"
    assert count(StoredFile) == 0
