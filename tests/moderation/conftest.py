"""A small municipality for moderation: two areas, a material in the first, colleagues
to try and report it, an editor in each area and an admin."""

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from share.auth.models import Role, User
from share.auth.services import create_user
from share.materials.models import Licence, Material, MaterialKind
from share.materials.services import MaterialDraft, create_material
from share.schools.models import Area, Unit, UnitKind
from share.tries.models import Basis, Outcome, TryReport
from share.tries.services import ReportDraft, save_report
from share.vocabularies.models import SchoolForm
from share.vocabularies.registry import by_key
from tests.support.accounts import PASSWORD
from tests.support.client import Browser


@dataclass
class Town:
    author: User
    material: Material
    #: Teaches in another unit of the material's area; writes try reports.
    colleague: User
    #: A teacher in the other area; reports things.
    reporter: User
    editor: User
    other_editor: User
    admin: User


@pytest.fixture
def town(db, unit, make_user) -> Town:
    south = Area(name="Skolområde Söder")
    north_school = Unit(name="Norrskolan", kind=UnitKind.SCHOOL, area=unit.area)
    south_school = Unit(name="Sjöviksskolan", kind=UnitKind.SCHOOL, area=south)
    db.session.add_all([south, north_school, south_school])
    db.session.commit()

    def person(name: str, unit_id: int, role: Role = Role.TEACHER) -> User:
        email = name.lower().replace(" ", ".") + "@kommun.example"
        return create_user(email=email, name=name, password=PASSWORD, unit_id=unit_id, role=role)

    author = make_user(name="Astrid Författare")
    town = Town(
        author=author,
        material=create_material(
            author,
            MaterialDraft(
                kind=MaterialKind.METHOD,
                title="Exit tickets",
                summary="Tre frågor i slutet av lektionen.",
                licence=Licence.CC_BY,
                terms={"core_process": [by_key("core_process").terms()[0].id]},
            ),
            publish=True,
        ),
        colleague=person("Karin Kollega", north_school.id),
        reporter=person("Rut Rapportör", south_school.id),
        editor=person("Erik Rektor", unit.id, Role.EDITOR),
        other_editor=person("Sven Söderrektor", south_school.id, Role.EDITOR),
        admin=person("Maria Admin", south_school.id, Role.ADMIN),
    )
    db.session.commit()
    return town


@pytest.fixture
def try_report(db):
    """Factory: try_report(material, by) saves a report that went well."""

    def make(
        material: Material, by: User, reflection: str = "Eleverna tyckte om det."
    ) -> TryReport:
        school_form = db.session.execute(select(SchoolForm)).scalars().first()
        report = save_report(
            material,
            by,
            ReportDraft(
                school_form_id=school_form.id,
                group_description="åk 5, 22 elever",
                tried_year=2025,
                tried_month=3,
                outcome=Outcome.WELL,
                bases=[Basis.OBSERVATION],
                reflection=reflection,
            ),
        )
        db.session.commit()
        return report

    return make


@pytest.fixture
def client_for(app, db):
    """Factory: client_for(user) is a Browser signed in as `user` (each its own client)."""

    def make(user: User) -> Browser:
        browser = Browser(app.test_client())
        response = browser.sign_in(user.email)
        assert response.status_code == 302, response.get_data(as_text=True)
        return browser

    return make
