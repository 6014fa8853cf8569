from sqlalchemy import select

from share.vocabularies.models import CoreProcess, SchoolForm, Subject
from share.vocabularies.seed import seed_vocabularies
from tests.support.database import count


def test_seeded_vocabularies(db):
    processes = db.session.execute(select(CoreProcess).order_by(CoreProcess.position)).scalars()
    assert [p.slug for p in processes] == [
        "sprak-och-kommunikation",
        "synligt-larande",
        "ikt-i-larandet",
        "vardegrund",
        "sarskilt-stod-och-utmaningar",
    ]
    assert count(SchoolForm) == 7
    slugs = set(db.session.execute(select(Subject.slug)).scalars())
    assert {"svenska-som-andrasprak", "teckensprak", "amnesovergripande-forskola"} <= slugs
    assert count(Subject) == 21
    values = db.session.execute(
        select(CoreProcess).where(CoreProcess.slug == "vardegrund")
    ).scalar_one()
    assert values.name_sv == "Värdegrund"
    assert "hbtq" in values.description_sv


def test_seeding_again_adds_nothing_and_keeps_edits(db, runner):
    music = db.session.execute(select(Subject).where(Subject.slug == "musik")).scalar_one()
    music.name_sv = "Musik och rörelse"
    db.session.commit()
    assert seed_vocabularies() == {
        "core_process": 0,
        "school_form": 0,
        "subject": 0,
        "variant_type": 0,
    }
    result = runner.invoke(args=["seed-vocabularies"])
    assert result.exit_code == 0
    assert "subject: 0 added" in result.output
    db.session.expire_all()
    assert db.session.get(Subject, music.id).name_sv == "Musik och rörelse"
    assert count(Subject) == 21
