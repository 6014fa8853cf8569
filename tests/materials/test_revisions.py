from dataclasses import replace

import pytest
from sqlalchemy import select

from share.auth.models import Role, User
from share.materials.models import Licence, Material, MaterialKind, MaterialRevision
from share.materials.services import MaterialDraft, create_material, update_material
from share.vocabularies.models import CoreProcess
from tests.support.database import waited_for_this_transaction


def test_two_saves_at_once_number_their_revisions_one_after_the_other(app, db, make_user):
    """The second save waits for the first to commit, then takes the next number; without
    the wait both took the same one, and the unique constraint made the second a 500."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer in at a time; the row lock is for PostgreSQL")
    author, editor = make_user(), make_user(role=Role.ADMIN)
    process_id = db.session.execute(select(CoreProcess.id).limit(1)).scalar_one()
    draft = MaterialDraft(
        kind=MaterialKind.METHOD,
        title="Exit tickets",
        summary="Tre frågor i slutet av lektionen.",
        licence=Licence.CC_BY,
        terms={"core_process": [process_id]},
    )
    material = create_material(author, draft, publish=True)
    db.session.commit()
    # Ids now: an expired attribute read from the other thread would use this session.
    material_id, author_id, editor_id = material.id, author.id, editor.id
    update_material(material, author, replace(draft, title="Exit tickets i matematik"))
    outcome = []

    def the_other_request() -> None:
        with app.app_context():  # its own session and connection
            # Tags only: the material's own row is not written before the revision is
            # numbered, so nothing but the lock makes this save wait.
            update_material(
                db.session.get(Material, material_id),
                db.session.get(User, editor_id),
                replace(draft, tags=["formativ bedömning"]),
            )
            db.session.commit()
            outcome.append("saved")

    waited = waited_for_this_transaction(the_other_request)
    assert waited, "the second save did not wait for the first"
    assert outcome == ["saved"]
    revisions = db.session.execute(
        select(MaterialRevision.number, MaterialRevision.editor_id)
        .where(MaterialRevision.material_id == material_id)
        .order_by(MaterialRevision.id)
    ).all()
    assert revisions == [(1, author_id), (2, author_id), (3, editor_id)]
