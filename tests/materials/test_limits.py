"""Limits on what one request, one material and one person store: refused with the form
kept, nothing stored; the quota counts each stored file once per person."""

import io
import os

import pytest
from flask import current_app
from sqlalchemy import select

from share.audit import AuditEvent
from share.auth.models import Role, User
from share.materials.models import Material
from share.materials.quota import MB, storage_used
from share.materials.services import MaterialDraft, Upload, attach_files, update_material
from share.storage.errors import FileRefused
from share.storage.models import StoredFile
from share.vocabularies.registry import MATERIAL_VOCABULARIES
from tests.support.builders import text_file
from tests.support.database import count
from tests.support.materials import create, only_material, publish_material


def stored_files_on_disk(app) -> list[str]:
    return [name for _, _, names in os.walk(app.config["UPLOAD_DIR"]) for name in names]


def uploads(*contents: str) -> list[Upload]:
    return [Upload(io.BytesIO(text.encode()), f"fil{n}.txt") for n, text in enumerate(contents)]


# --- files per request and per material ------------------------------------------------------


def test_too_many_files_at_once_are_refused_with_the_form_kept(
    browser, signed_in, material_form, db, app, monkeypatch
):
    signed_in()
    monkeypatch.setitem(app.config, "MAX_FILES_PER_REQUEST", 3)
    files = [text_file(f"fil nummer {n}", f"fil{n}.txt") for n in range(4)]
    response = create(browser, material_form, title="Fyra filer", files=files)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Högst 3 filer åt gången; du valde 4." in html
    assert 'value="Fyra filer"' in html
    assert count(Material) == 0 and count(StoredFile) == 0
    assert stored_files_on_disk(app) == []


def test_a_material_holds_at_most_so_many_files(
    browser, signed_in, material_form, db, app, monkeypatch
):
    signed_in()
    monkeypatch.setitem(app.config, "MAX_FILES_PER_MATERIAL", 3)
    create(browser, material_form, files=[text_file("ett", "ett.txt"), text_file("två", "två.txt")])
    material = only_material(db)
    response = browser.add_files(
        material.id,
        [text_file("tre", "tre.txt"), text_file("fyra", "fyra.txt")],
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 422
    assert response.get_json()["message"] == (
        "Ett material kan ha högst 3 filer, och det här skulle få 4."
    )
    assert len(only_material(db).attachments) == 2 and count(StoredFile) == 2
    assert len(stored_files_on_disk(app)) == 2


# --- the quota -----------------------------------------------------------------------------


def test_an_upload_past_the_quota_is_refused_and_leaves_nothing(
    browser, signed_in, material_form, db, app
):
    user = signed_in()
    user.storage_quota_mb = 0
    db.session.commit()
    response = create(browser, material_form, title="För stor", files=[text_file("x", "x.txt")])
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Filerna får inte plats i ditt lagringsutrymme: du använder 0 byte av 0 byte" in html
    assert 'value="För stor"' in html
    assert count(Material) == 0 and count(StoredFile) == 0
    assert stored_files_on_disk(app) == []


def test_the_quota_is_checked_against_what_is_stored_after_the_upload(db, make_user, monkeypatch):
    monkeypatch.setitem(current_app.config, "STORAGE_QUOTA_MB", 1)
    author = make_user()
    material = publish_material(author, "Stora filer")
    attach_files(material, author, uploads("a" * (MB // 2)))
    db.session.commit()
    with pytest.raises(FileRefused, match="behöver|need"):
        attach_files(material, author, uploads("b" * (MB // 2 + 1)))
    db.session.rollback()
    assert storage_used(author) == MB // 2 and count(StoredFile) == 1
    attach_files(material, author, uploads("c" * (MB // 2)))  # exactly the quota
    db.session.commit()
    assert storage_used(author) == MB


def test_a_file_counts_once_per_person_and_fully_for_each_person(db, make_user):
    anna, bo = make_user(), make_user()
    first, second = publish_material(anna, "Ett"), publish_material(anna, "Två")
    theirs = publish_material(bo, "Bos")
    attach_files(first, anna, uploads("samma innehåll", "bara här"))
    attach_files(second, anna, uploads("samma innehåll"))
    attach_files(theirs, bo, uploads("samma innehåll"))
    db.session.commit()
    same, only_here = len("samma innehåll".encode()), len(b"bara h\xc3\xa4r")
    assert storage_used(anna) == same + only_here  # stored once, counted once
    assert storage_used(bo) == same  # counted in full for Bo too
    # An editor's upload to Anna's material is on Anna's material: hers to count.
    editor = make_user(role=Role.EDITOR)
    attach_files(first, editor, uploads("från redaktören"))
    db.session.commit()
    assert storage_used(anna) == same + only_here + len("från redaktören".encode())
    assert storage_used(editor) == 0


def test_over_the_quota_a_person_can_still_edit_and_add_what_adds_nothing(db, make_user):
    author = make_user()
    material = publish_material(author, "Redan full")
    attach_files(material, author, uploads("innehåll"))
    db.session.commit()
    author.storage_quota_mb = 0  # an admin lowered it below what is stored
    db.session.commit()
    attach_files(publish_material(author, "Kopia"), author, uploads("innehåll"))  # stored already
    db.session.commit()
    with pytest.raises(FileRefused):
        attach_files(material, author, uploads("nytt"))
    db.session.rollback()
    # Text only: no file, so no quota to check.
    update_material(material, author, draft_of(material, title="Redan full (ändrad)"))
    db.session.commit()


def draft_of(material: Material, **changes) -> MaterialDraft:
    fields = {
        "kind": material.kind,
        "title": material.title,
        "summary": material.summary,
        "licence": material.licence,
        "terms": {
            vocabulary.key: [term.id for term in getattr(material, vocabulary.relation)]
            for vocabulary in MATERIAL_VOCABULARIES
        },
    }
    return MaterialDraft(**{**fields, **changes})


# --- the account page and the admin's users page ------------------------------------------


def test_the_account_page_shows_used_and_quota_in_the_locale(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form, files=[text_file("å" * 768, "a.txt")])  # 1536 bytes
    html = browser.client.get("/konto").get_data(as_text=True)
    assert "Dina material lagrar 1,5 kB av 2 GB." in html
    browser.post("/sprak", {"language": "en"})
    assert "1.5 kB of 2 GB" in browser.client.get("/konto").get_data(as_text=True)


def test_an_admin_sets_and_resets_a_quota_with_an_audit_entry(browser, signed_in, make_user, db):
    admin = signed_in(role=Role.ADMIN)
    teacher = make_user()
    path = f"/admin/anvandare/{teacher.id}/lagring"
    response = browser.post(path, {"quota_mb": "5000"}, token_from="/admin/anvandare")
    assert response.status_code == 302
    assert "Lagringskvoten för" in browser.client.get("/admin/anvandare").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, teacher.id).storage_quota_mb == 5000
    browser.post(path, {"quota_mb": ""}, token_from="/admin/anvandare")
    db.session.expire_all()
    assert db.session.get(User, teacher.id).storage_quota_mb is None
    entries = db.session.execute(
        select(AuditEvent).where(AuditEvent.action == "user.storage_quota").order_by(AuditEvent.id)
    ).scalars()
    assert [(e.actor_id, e.object_id, e.reason) for e in entries] == [
        (admin.id, teacher.id, "2048 MB → 5000 MB"),
        (admin.id, teacher.id, "5000 MB → 2048 MB"),
    ]


@pytest.mark.parametrize("value", ["-1", "lite", "99999999999", "1.5"])
def test_bad_quota_input_changes_nothing(browser, signed_in, make_user, db, value):
    signed_in(role=Role.ADMIN)
    teacher = make_user()
    response = browser.post(
        f"/admin/anvandare/{teacher.id}/lagring", {"quota_mb": value}, token_from="/admin/anvandare"
    )
    assert response.status_code == 302
    page = browser.client.get("/admin/anvandare").get_data(as_text=True)
    assert "Ange en kvot från 0 till" in page
    db.session.expire_all()
    assert db.session.get(User, teacher.id).storage_quota_mb is None
    assert count(AuditEvent) == 0


def test_only_admins_set_quotas(browser, signed_in, make_user, db):
    signed_in(role=Role.EDITOR)
    teacher = make_user()
    response = browser.post(
        f"/admin/anvandare/{teacher.id}/lagring", {"quota_mb": "1"}, token_from="/"
    )
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(User, teacher.id).storage_quota_mb is None
