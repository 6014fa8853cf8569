import pytest
from sqlalchemy import select

from share.auth.models import Role
from share.materials.models import Licence, MaterialKind
from share.materials.services import MaterialDraft, create_material
from share.vocabularies.models import CoreProcess
from tests.support.accounts import PASSWORD


@pytest.fixture
def author(make_user):
    return make_user(name="Anna Författare")


@pytest.fixture
def colleague(make_user):
    return make_user(name="Kalle Kollega")


@pytest.fixture
def bystander(make_user):
    """A third teacher: neither the author nor the writer of anything."""
    return make_user(name="Tove Tredje")


@pytest.fixture
def admin(make_user):
    return make_user(role=Role.ADMIN, name="Ada Admin")


@pytest.fixture
def material(db, author):
    """A published method by `author`."""
    process = db.session.execute(select(CoreProcess).limit(1)).scalar_one()
    material = create_material(
        author,
        MaterialDraft(
            kind=MaterialKind.METHOD,
            title="Läsfixarna",
            summary="Fyra lässtrategier med figurer.",
            licence=Licence.CC_BY,
            terms={"core_process": [process.id]},
        ),
        publish=True,
    )
    db.session.commit()
    return material


@pytest.fixture
def sign_in_as(browser):
    """`sign_in_as(user)`: sign the browser out, then in as `user`."""

    def sign_in(user) -> None:
        browser.post("/logga-ut", {}, token_from="/")
        response = browser.sign_in(user.email, PASSWORD)
        assert response.status_code == 302, response.get_data(as_text=True)

    return sign_in
