import pytest
from sqlalchemy import select

from share.auth.services import create_user
from share.materials.models import Licence, MaterialKind
from share.materials.services import MaterialDraft, create_material
from share.schools.models import Area, Unit, UnitKind
from share.tries.models import Basis, Outcome
from share.tries.services import ReportDraft
from share.vocabularies.models import CoreProcess, SchoolForm
from tests.support.accounts import PASSWORD


@pytest.fixture
def places(db):
    """Three areas with three units each: places["norr"][0] is a unit in area Norr."""
    found = {}
    for area_name in ("Norr", "Söder", "Väster"):
        area = Area(name=f"Skolområde {area_name}")
        units = [
            Unit(name=f"{area_name}skolan {n}", kind=UnitKind.SCHOOL, area=area) for n in (1, 2, 3)
        ]
        db.session.add_all([area, *units])
        found[area_name.lower()] = units
    db.session.commit()
    return found


@pytest.fixture
def colleague(db, places):
    """Factory: colleague("norr", 1) → a teacher at that unit."""
    counter = iter(range(1, 10_000))

    def make(area: str, unit_number: int = 0, name: str | None = None):
        number = next(counter)
        user = create_user(
            email=f"kollega{number}@kommun.example",
            name=name or f"Kollega {number}",
            password=PASSWORD,
            unit_id=places[area][unit_number].id,
        )
        db.session.commit()
        return user

    return make


@pytest.fixture
def method(db, colleague):
    """A published method by a teacher at Norrskolan 1 (with a research basis)."""
    author = colleague("norr", 0, name="Författaren")
    process = db.session.execute(select(CoreProcess).limit(1)).scalar_one()
    material = create_material(
        author,
        MaterialDraft(
            kind=MaterialKind.METHOD,
            title="Läsfixarna",
            summary="Fyra lässtrategier med figurer.",
            licence=Licence.CC_BY,
            research_basis="Palincsar & Brown (1984).",
            terms={"core_process": [process.id]},
        ),
        publish=True,
    )
    db.session.commit()
    return material


@pytest.fixture
def report_draft(db):
    """Factory for a valid ReportDraft; keyword arguments override fields."""
    school_form = db.session.execute(
        select(SchoolForm).where(SchoolForm.slug == "grundskola-4-6")
    ).scalar_one()

    def make(**overrides) -> ReportDraft:
        values = {
            "school_form_id": school_form.id,
            "group_description": "åk 4, 24 elever",
            "tried_year": 2026,
            "tried_month": 3,
            "outcome": Outcome.WELL,
            "bases": [Basis.OBSERVATION, Basis.STUDENT_WORK],
            "adaptations": "Bildstöd till varje strategi.",
            "reflection": "Eleverna tog över rollerna efter två veckor.",
        }
        values.update(overrides)
        return ReportDraft(**values)

    return make
