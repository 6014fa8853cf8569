"""The demo's report waits in the demo editor's queue, and seeding again adds nothing."""

from sqlalchemy import select

from share.auth.models import User
from share.demo.accounts import seed_demo_accounts
from share.demo.materials import DEMO_MATERIALS, ensure_demo_authors
from share.demo.moderation import MATERIAL, seed_demo_moderation
from share.materials.models import Licence, MaterialKind
from share.materials.services import MaterialDraft, create_material
from share.moderation.models import Flag, Resolution
from share.moderation.services import open_case_count, settle
from share.vocabularies.registry import by_key


def user(db, email: str) -> User:
    return db.session.execute(select(User).where(User.email == email)).scalar_one()


def test_the_demo_editor_finds_the_demo_report_in_the_queue(db):
    seed_demo_accounts()
    authors = ensure_demo_authors()
    assert seed_demo_moderation() == 0  # no demo material yet: nothing to report
    [item] = [item for item in DEMO_MATERIALS if item.title == MATERIAL]
    material = create_material(
        authors[item.author],
        MaterialDraft(
            kind=MaterialKind(item.kind),
            title=item.title,
            summary=item.summary,
            licence=Licence(item.licence),
            terms={"core_process": [by_key("core_process").terms()[0].id]},
        ),
        publish=True,
    )
    material.demo_key = item.title  # as seed_demo_materials marks it, without all the rest
    assert seed_demo_moderation() == 2  # the try report and the comment
    db.session.commit()
    assert seed_demo_moderation() == 0

    editor = user(db, "rektor@kommun.example")
    assert open_case_count(editor) == 2
    assert open_case_count(user(db, "larare@kommun.example")) == 0
    flags = db.session.execute(select(Flag).order_by(Flag.id)).scalars().all()
    assert [flag.kind for flag in flags] == ["try_report", "comment"]
    for flag in flags:
        settle(flag.kind, flag.object_id, editor, Resolution.HIDDEN, "Elever ska inte nämnas.")
    db.session.commit()
    assert seed_demo_moderation() == 0  # a settled demo report stays settled
    assert open_case_count(editor) == 0
