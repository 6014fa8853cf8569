import threading

import pytest
from sqlalchemy import select

from share.auth.models import User
from share.materials.models import Licence, Material, MaterialKind, Tag
from share.materials.services import MaterialDraft, create_material
from share.vocabularies.models import CoreProcess


def test_two_shares_bringing_the_same_new_tag_at_once_both_save(app, db, make_user):
    """The second share's insert of the tag waits for the first to commit and then finds
    the tag; without that it broke the unique name and the colleague got a 500."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer in at a time; the race is PostgreSQL's")
    first_author, second_author = make_user(), make_user()
    process_id = db.session.execute(select(CoreProcess.id).limit(1)).scalar_one()

    def draft(title: str) -> MaterialDraft:
        return MaterialDraft(
            kind=MaterialKind.METHOD,
            title=title,
            summary="En sammanfattning.",
            licence=Licence.CC_BY,
            terms={"core_process": [process_id]},
            tags=["helt ny tagg", "bråk"],
        )

    second_id = second_author.id
    create_material(first_author, draft("Den första"), publish=True)
    db.session.flush()  # the tag row is written, not committed: the other must wait for it
    outcome = []

    def the_other_request() -> None:
        with app.app_context():  # its own session and connection
            try:
                create_material(db.session.get(User, second_id), draft("Den andra"), publish=True)
                db.session.commit()
                outcome.append("saved")
            except Exception as error:  # noqa: BLE001 (reported by the assertion below)
                outcome.append(repr(error))
                db.session.rollback()

    other = threading.Thread(target=the_other_request)
    other.start()
    other.join(timeout=2)
    waited = other.is_alive()
    db.session.commit()
    other.join(timeout=10)
    assert waited, "the second share did not wait for the first"
    assert outcome == ["saved"]
    db.session.expire_all()
    assert db.session.execute(select(Tag.name).order_by(Tag.name)).scalars().all() == [
        "bråk",
        "helt ny tagg",
    ]
    materials = db.session.execute(select(Material)).scalars().all()
    assert [sorted(tag.name for tag in m.tags) for m in materials] == [["bråk", "helt ny tagg"]] * 2
