"""Materials made through the share form, and read back."""

from sqlalchemy import select

from share.materials.models import Material


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
