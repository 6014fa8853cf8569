import pytest

from share.auth.models import Role
from share.materials.models import Licence, MaterialKind
from share.materials.services import MaterialDraft, create_material
from share.vocabularies.models import CoreProcess, SchoolForm, Subject
from tests.support.vocabularies import ids


@pytest.fixture
def publish(db, make_user):
    """Factory: publish(title, body=..., summary=..., process=..., ...) -> Material, committed."""
    author = make_user(role=Role.TEACHER)

    def make(title: str, body: str = "", *, summary: str = "En sammanfattning.",
             process: str = "synligt-larande", form: str = "grundskola-4-6",
             subject: str = "svenska", tags: list[str] = (), kind=MaterialKind.METHOD,
             draft: bool = False, by=None):  # fmt: skip
        material = create_material(
            by or author,
            MaterialDraft(
                kind=kind,
                title=title,
                summary=summary,
                licence=Licence.CC_BY,
                body=body,
                core_process_ids=ids(db, CoreProcess, process),
                school_form_ids=ids(db, SchoolForm, form),
                subject_ids=ids(db, Subject, subject),
                tags=list(tags),
            ),
            publish=not draft,
        )
        db.session.commit()
        return material

    return make
