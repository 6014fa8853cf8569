"""One save is one revision and one change, and the services check who may do what."""

import pytest
from sqlalchemy import func, select

from share.auth.models import Role
from share.changes import Change
from share.materials import services
from share.materials.models import Material, MaterialRevision, MaterialStatus
from share.rules import NotAllowed
from share.storage.models import StoredFile
from tests.support.builders import text_file


def revisions(db, material_id: int) -> int:
    statement = select(func.count()).where(MaterialRevision.material_id == material_id)
    return db.session.execute(statement).scalar_one()


def recorded_changes(db) -> int:
    return db.session.execute(select(func.count()).select_from(Change)).scalar_one()


def test_an_edit_that_changes_text_adds_a_file_and_publishes_is_one_revision(
    browser, signed_in, material_form, db
):
    signed_in()
    response = browser.post(
        "/material/ny", material_form(action="draft"), token_from="/material/ny"
    )
    assert response.status_code == 302
    material = db.session.execute(select(Material)).scalar_one()
    assert revisions(db, material.id) == 1
    db.session.execute(Change.__table__.delete())  # as if the index had applied them
    db.session.commit()

    edit = f"/material/{material.id}/redigera"
    form = material_form(title="Exit tickets, andra versionen", action="publish")
    form["files"] = [text_file("Tre frågor.", "fragor.txt")]
    response = browser.post(edit, form, token_from=edit, content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.expire_all()
    material = db.session.get(Material, material.id)
    assert material.status == MaterialStatus.PUBLISHED
    assert [a.display_name for a in material.attachments] == ["fragor.txt"]
    assert revisions(db, material.id) == 2
    latest = material.revisions[-1].snapshot
    assert latest["title"] == "Exit tickets, andra versionen"
    assert latest["status"] == "published" and latest["files"] == ["fragor.txt"]
    assert recorded_changes(db) == 0  # the request applied its one change after the commit


def test_a_refused_publish_in_an_edit_saves_nothing(browser, signed_in, material_form, db):
    signed_in()
    browser.post("/material/ny", material_form(), token_from="/material/ny")
    material = db.session.execute(select(Material)).scalar_one()
    edit = f"/material/{material.id}/redigera"
    form = material_form(title="Ny titel", action="publish")  # already published
    form["files"] = [text_file("Tre frågor.", "fragor.txt")]
    response = browser.post(edit, form, token_from=edit, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "Bara ett utkast kan publiceras" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Material, material.id).title == "Exit tickets i matematik"
    assert revisions(db, material.id) == 1
    assert db.session.execute(select(func.count()).select_from(StoredFile)).scalar_one() == 0


@pytest.fixture
def published(db, make_user):
    from share.materials.models import Licence, MaterialKind
    from share.vocabularies.registry import by_key

    author = make_user()
    process = by_key("core_process").terms()[0]
    material = services.create_material(
        author,
        services.MaterialDraft(
            kind=MaterialKind.METHOD,
            title="Lässtrategier",
            summary="Fyra strategier.",
            licence=Licence.CC_BY,
            terms={"core_process": [process.id]},
        ),
        publish=True,
    )
    db.session.commit()
    return material


def draft_of(material) -> "services.MaterialDraft":
    return services.MaterialDraft(
        kind=material.kind,
        title="Ändrad",
        summary=material.summary,
        licence=material.licence,
        terms={"core_process": [t.id for t in material.core_processes]},
    )


def test_the_services_refuse_who_may_not(db, make_user, published):
    stranger = make_user()
    editor = make_user(role=Role.EDITOR)  # in the material's area
    with pytest.raises(NotAllowed):
        services.update_material(published, stranger, draft_of(published))
    with pytest.raises(NotAllowed):
        services.unpublish_material(published, editor)
    with pytest.raises(NotAllowed):
        services.remove_material(published, stranger)
    with pytest.raises(NotAllowed):
        services.set_hidden(published, stranger, hidden=True)
    with pytest.raises(NotAllowed):
        services.attach_files(published, stranger, [])
    with pytest.raises(NotAllowed):
        services.detach_file(published, stranger, 1)
    with pytest.raises(NotAllowed):
        services.purge_material(published, editor)
    db.session.rollback()
    db.session.expire_all()
    assert db.session.get(Material, published.id).title == "Lässtrategier"
    # What they may do, they can.
    services.update_material(published, editor, draft_of(published))
    services.set_hidden(published, editor, hidden=True)
    db.session.commit()
    assert published.status == MaterialStatus.HIDDEN


def test_a_stranger_posting_an_edit_gets_403_and_nothing_changes(
    browser, signed_in, published, material_form, db
):
    signed_in()
    edit = f"/material/{published.id}/redigera"
    response = browser.post(edit, material_form(title="Kapad"), token_from="/")
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Material, published.id).title == "Lässtrategier"
