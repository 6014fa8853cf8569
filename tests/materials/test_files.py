"""Files on a material: upload, download, taking off; on each storage backend."""

import io
from urllib.parse import quote

import pytest
from sqlalchemy import select

from share.materials.models import Attachment, Material
from share.storage.backends import content_key, storage_backend
from share.storage.models import StoredFile
from tests.support.builders import png_bytes, text_file
from tests.support.client import Browser
from tests.support.database import count
from tests.support.materials import create, only_material
from tests.support.storage import stored_keys

pytestmark = pytest.mark.usefixtures("storage_backend")


def test_download_headers_and_counter(browser, signed_in, material_form, db):
    signed_in()
    content = "Åk 7 bråk: ½ + ¼ = ¾\n"
    create(browser, material_form, files=[text_file(content, "Åk 7 bråk.txt")])
    material = only_material(db)
    attachment = material.attachments[0]
    with browser.client.get(f"/material/{material.id}/filer/{attachment.id}") as response:
        body = response.get_data()
    assert response.status_code == 200
    assert body == content.encode()
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''" + quote("Åk 7 bråk.txt") in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"  # one charset
    assert "sandbox" in response.headers["Content-Security-Policy"]
    db.session.expire_all()
    assert db.session.get(Attachment, attachment.id).download_count == 1


def test_download_of_a_draft_is_for_the_author_only(
    browser, signed_in, make_user, material_form, db, app
):
    signed_in()
    create(browser, material_form, action="draft", files=[(io.BytesIO(png_bytes()), "a.png")])
    material = only_material(db)
    attachment = material.attachments[0]
    stranger = Browser(app.test_client())
    stranger.sign_in(make_user().email)
    for path in (
        f"/material/{material.id}/filer/{attachment.id}",
        f"/material/{material.id}/filer/{attachment.id}/miniatyr",
    ):
        assert stranger.client.get(path).status_code == 404
        with browser.client.get(path) as response:
            assert response.status_code == 200
    assert (
        app.test_client().get(f"/material/{material.id}/filer/{attachment.id}").status_code == 302
    )


def test_attachment_must_belong_to_the_material(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form, files=[text_file("hej", "a.txt")])
    create(browser, material_form, title="Annat", files=[text_file("hopp", "b.txt")])
    first, second = db.session.execute(select(Material).order_by(Material.id)).scalars().all()
    response = browser.client.get(f"/material/{first.id}/filer/{second.attachments[0].id}")
    assert response.status_code == 404


def test_upload_more_files_and_take_one_off(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form)
    material = only_material(db)
    response = browser.add_files(
        material.id, [text_file("ett", "ett.txt"), text_file("två", "två.txt")]
    )
    assert response.status_code == 302
    material = only_material(db)
    assert sorted(a.display_name for a in material.attachments) == ["ett.txt", "två.txt"]
    taken_off = next(a for a in material.attachments if a.display_name == "ett.txt")
    content = content_key(taken_off.stored_file.sha256)
    browser.post(f"/material/{material.id}/filer/{taken_off.id}/ta-bort", {}, token_from="/")
    assert [a.display_name for a in only_material(db).attachments] == ["två.txt"]
    # No other material had it, so its content is gone with it.
    assert count(StoredFile) == 1 and not storage_backend().exists(content)


def test_taking_off_a_file_another_material_has_keeps_its_content(
    browser, signed_in, material_form, db
):
    signed_in()
    create(browser, material_form, files=[text_file("delad", "delad.txt")])
    create(browser, material_form, title="Annat", files=[text_file("delad", "kopia.txt")])
    first = db.session.execute(select(Material).order_by(Material.id)).scalars().first()
    attachment = first.attachments[0]
    content = content_key(attachment.stored_file.sha256)
    browser.post(f"/material/{first.id}/filer/{attachment.id}/ta-bort", {}, token_from="/")
    assert count(StoredFile) == 1 and storage_backend().exists(content)


def test_a_files_field_that_is_not_a_file_is_no_file(browser, signed_in, material_form, db):
    signed_in()
    # A script or a broken client can send text where files belong.
    response = create(browser, material_form, files="inte en fil")
    assert response.status_code == 302 and only_material(db).attachments == []
    material = only_material(db)
    response = browser.add_files(
        material.id,
        "inte en fil",
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.get_json()["message"] in ("Choose at least one file.", "Välj minst en fil.")


def test_upload_answers_json_for_the_script(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form)
    material = only_material(db)
    token = browser.csrf_token(f"/material/{material.id}")
    response = browser.client.post(
        f"/material/{material.id}/filer",
        data={"csrf_token": token, "files": (io.BytesIO(b"<html><script>x</script>"), "a.txt")},
        headers={"Accept": "application/json"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert response.get_json()["ok"] is False
    assert response.get_json()["message"]
    assert only_material(db).attachments == []


def test_refused_upload_without_script_shows_the_page_with_the_reason(
    browser, signed_in, material_form, db
):
    signed_in()
    create(browser, material_form)
    material = only_material(db)
    response = browser.add_files(
        material.id, [(io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200), "program.pdf")]
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert '<p class="field__error" id="upload-error" role="alert">' in html
    assert "Program och skript kan inte delas i Dela." in html
    assert 'aria-describedby="upload-help upload-error"' in html
    assert only_material(db).attachments == [] and count(StoredFile) == 0


def test_same_content_links_to_where_it_already_is(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form, files=[text_file("samma innehåll", "original.txt")])
    create(browser, material_form, title="Kopia", files=[text_file("samma innehåll", "kopia.txt")])
    first, second = db.session.execute(select(Material).order_by(Material.id)).scalars().all()
    assert first.attachments[0].stored_file_id == second.attachments[0].stored_file_id
    page = browser.client.get(f"/material/{second.id}").get_data(as_text=True)
    assert f'href="/material/{first.id}"' in page


def test_oversize_file_gets_413_with_the_form_kept(
    browser, signed_in, material_form, db, app, monkeypatch
):
    signed_in()
    # A small limit keeps the test client's request body in memory (larger ones it spools
    # to a temporary file that it never closes).
    monkeypatch.setitem(app.config, "MAX_UPLOAD_MB", 0.1)
    response = create(
        browser,
        material_form,
        title="Min stora fil",
        files=[(io.BytesIO(b"a" * 110_000), "stor.txt")],
    )
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "Filen är större än 0,1 MB." in html  # in the page's language
    assert 'value="Min stora fil"' in html
    assert db.session.execute(select(Material)).first() is None


def test_database_error_after_storing_leaves_no_file(
    browser, signed_in, material_form, db, app, monkeypatch
):
    import os

    from sqlalchemy.exc import OperationalError

    from share.storage.models import StoredFile
    from tests.support.database import count

    signed_in()
    token = browser.csrf_token("/material/ny")

    def broken_commit():
        raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(db.session, "commit", broken_commit)  # the app shares the scoped session
    response = browser.client.post(
        "/material/ny",
        data={**material_form(), "csrf_token": token, "files": [text_file("innehåll", "a.txt")]},
        content_type="multipart/form-data",
    )
    monkeypatch.undo()
    assert response.status_code == 503  # the database failed: "unavailable, try again"
    assert count(Material) == 0 and count(StoredFile) == 0
    assert [f for _, _, names in os.walk(app.config["UPLOAD_DIR"]) for f in names] == []
    assert stored_keys() == []


def test_a_name_without_its_extension_downloads_with_it(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form, files=[(io.BytesIO(png_bytes()), "Klassrummet")])
    material = only_material(db)
    attachment = material.attachments[0]
    assert attachment.display_name == "Klassrummet"
    with browser.client.get(f"/material/{material.id}/filer/{attachment.id}") as response:
        assert "filename=Klassrummet.png" in response.headers["Content-Disposition"]


def test_only_whole_downloads_are_counted(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form, files=[text_file("hela texten", "a.txt")])
    material = only_material(db)
    path = f"/material/{material.id}/filer/{material.attachments[0].id}"
    with browser.client.head(path) as response:
        assert response.status_code == 200
    with browser.client.get(path, headers={"Range": "bytes=5-"}) as response:
        assert response.status_code == 206 and response.get_data() == b"texten"
    with browser.client.get(path) as response:
        assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Attachment, material.attachments[0].id).download_count == 1


def test_adding_a_file_changes_last_changed(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form)
    material = only_material(db)
    before = material.updated_at
    browser.add_files(material.id, [text_file("ny", "ny.txt")])
    assert only_material(db).updated_at > before
