"""Materials made through the share form or the service, and read back."""

from sqlalchemy import select

from share.auth.models import User
from share.extensions import db
from share.materials.models import Licence, Material, MaterialKind
from share.materials.services import MaterialDraft, create_material
from share.vocabularies.models import CoreProcess, SchoolForm, Subject
from tests.support.vocabularies import ids


def only_material(db) -> Material:
    """The one material in the database, read afresh."""
    db.session.expire_all()
    return db.session.execute(select(Material)).scalar_one()


def create(browser, material_form, **overrides):
    """POST the share form (`material_form` with `overrides`) as the signed-in browser."""
    return browser.post(
        "/material/ny",
        material_form(**overrides),
        token_from="/material/ny",
        content_type="multipart/form-data",
    )


def publish_material(author: User, title: str, body: str = "", *,
                     summary: str = "En sammanfattning.", process: str = "synligt-larande",
                     form: str = "grundskola-4-6", subject: str = "svenska",
                     tags: list[str] = (), kind=MaterialKind.METHOD,
                     draft: bool = False) -> Material:  # fmt: skip
    """A material by `author` through the service, committed: published, or a draft."""
    material = create_material(
        author,
        MaterialDraft(
            kind=kind,
            title=title,
            summary=summary,
            licence=Licence.CC_BY,
            body=body,
            terms={
                "core_process": ids(db, CoreProcess, process),
                "school_form": ids(db, SchoolForm, form),
                "subject": ids(db, Subject, subject),
            },
            tags=list(tags),
        ),
        publish=not draft,
    )
    db.session.commit()
    return material
