import io

import pytest
from sqlalchemy import select

from share.materials.models import Licence, MaterialKind
from share.materials.services import MaterialDraft, Upload, create_material
from share.vocabularies.models import CoreProcess, SchoolForm, Subject, VariantType


def term_ids(db, model, *slugs) -> list[int]:
    return list(db.session.execute(select(model.id).where(model.slug.in_(slugs))).scalars())


@pytest.fixture
def variant_type(db):
    """variant_type(slug) -> the seeded VariantType."""

    def find(slug: str) -> VariantType:
        return db.session.execute(select(VariantType).where(VariantType.slug == slug)).scalar_one()

    return find


@pytest.fixture
def author(make_user):
    return make_user(name="Peter Holm")


@pytest.fixture
def make_material(db, author):
    """make_material(title=..., by=author, publish=True, licence=..., files=...) -> committed."""

    def make(title: str = "Skrivmall för faktatext", *, by=None, publish: bool = True,
             licence: Licence = Licence.CC_BY_SA, files: dict | None = None):  # fmt: skip
        material = create_material(
            by or author,
            MaterialDraft(
                kind=MaterialKind.MATERIAL,
                title=title,
                summary="En skrivmall med ordbank och meningsstartare.",
                licence=licence,
                body="## Så gör vi\n\nVi skriver **tillsammans** först.",
                research_basis="Gibbons, P. (2013). *Stärk språket, stärk lärandet*.",
                terms={
                    "core_process": term_ids(db, CoreProcess, "sprak-och-kommunikation"),
                    "school_form": term_ids(db, SchoolForm, "grundskola-1-3"),
                    "subject": term_ids(db, Subject, "svenska", "svenska-som-andrasprak"),
                },
                tags=["faktatext", "skrivstöd"],
            ),
            publish=publish,
            uploads=[
                Upload(io.BytesIO(content), name)
                for name, content in (
                    {"Skrivmall.txt": b"Rubrik: Det har ar en text om ..."}
                    if files is None
                    else files
                ).items()
            ],
        )
        db.session.commit()
        return material

    return make


@pytest.fixture
def original(make_material):
    return make_material()
