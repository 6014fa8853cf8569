"""What the index holds follows every change it is made from, not only materials."""

from sqlalchemy import select

from share.auth.services import update_profile
from share.changes import pending_count
from share.schools.models import Area, Unit
from share.schools.services import update_unit
from share.search.index import CONSUMER, apply_changes
from share.search.services import clean_request, search
from share.search.upkeep import check
from share.vocabularies.models import Subject
from share.vocabularies.services import update_term


def found(text: str) -> list[str]:
    return [h.material.title for h in search(clean_request(text, {}, "relevance", 1, 50)).hits]


def test_a_renamed_author_is_found_by_the_new_name(db, publish, make_user):
    author = make_user(name="Astrid Lindqvist")
    publish("Rastlekar", "lek", by=author)
    assert found("lindqvist") == ["Rastlekar"]
    update_profile(author, name="Astrid Berg", unit_id=author.unit_id)
    db.session.commit()
    # The check sees that the index still holds the old name …
    stale, extra = check()
    assert stale and not extra
    # … and applying the recorded change brings the index up to date.
    apply_changes()
    assert check() == ([], [])
    assert found("berg") == ["Rastlekar"]
    assert found("lindqvist") == []


def test_a_renamed_term_is_found_by_its_new_name(db, publish):
    publish("Rastlekar", "lek", subject="musik")
    assert found("musik") == ["Rastlekar"]
    music = db.session.execute(select(Subject).where(Subject.slug == "musik")).scalar_one()
    update_term(
        music, name_sv="Musik och dans", name_en="Music and dance", description_sv="",
        description_en="", actor=None,
    )  # fmt: skip
    db.session.commit()
    assert check()[0]
    apply_changes()
    assert check() == ([], [])
    assert found("dans") == ["Rastlekar"]


def test_a_unit_moved_to_another_area_is_a_change_the_index_applies(db, publish, unit):
    publish("Rastlekar", "lek")
    apply_changes()
    other = Area(name="Skolområde Norr")
    db.session.add(other)
    db.session.flush()
    update_unit(unit, name=unit.name, kind=unit.kind, area_id=other.id, retired=False, actor=None)
    db.session.commit()
    assert pending_count(CONSUMER) == 1
    apply_changes()
    assert pending_count(CONSUMER) == 0
    assert db.session.get(Unit, unit.id).area_id == other.id
