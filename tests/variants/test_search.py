"""The search facet "har variant för …" follows the variants, through the change log."""

import pytest
from sqlalchemy import event, select

from share.auth.models import Role
from share.changes import Change, ChangeKind, pending_count
from share.extensions import db as database
from share.materials.models import Material
from share.materials.services import (
    publish_material,
    remove_material,
    set_hidden,
    unpublish_material,
)
from share.search.documents import document, load_materials
from share.search.index import CONSUMER, _materials_of, apply_changes
from share.search.services import clean_request, search
from share.search.upkeep import check
from share.variants.services import make_variant


def variant_for(filters=None) -> dict[str, int]:
    return search(clean_request("", filters or {}, "relevance", 1, 50)).facets["variant_for"]


def titles(filters) -> list[str]:
    return [h.material.title for h in search(clean_request("", filters, "relevance", 1, 50)).hits]


@pytest.fixture
def maker(make_user):
    return make_user(name="Emma Sundberg")


@pytest.fixture
def published_variant(db, original, maker, variant_type):
    variant = make_variant(original, maker, variant_type("bildstod").id)
    db.session.commit()
    apply_changes()
    assert variant_for() == {}  # a draft counts nowhere
    publish_material(variant, maker)
    db.session.commit()
    apply_changes()
    return variant


def test_a_published_variant_counts_on_its_original(db, original, published_variant):
    assert variant_for() == {"bildstod": 1}
    assert titles({"variant_for": ["bildstod"]}) == [original.title]
    assert titles({"variant_for": ["utmaning"]}) == []
    assert check() == ([], [])


@pytest.mark.parametrize("act", ["unpublish", "hide", "remove"])
def test_the_count_stops_when_the_variant_leaves_view(db, published_variant, maker, make_user, act):
    if act == "unpublish":
        unpublish_material(published_variant, maker)
    elif act == "hide":
        set_hidden(published_variant, make_user(role=Role.ADMIN), True)
    else:
        remove_material(published_variant, maker)
    db.session.commit()
    # The change names only the variant; its original's document must follow.
    assert {c.subject_id for c in db.session.execute(select(Change)).scalars()} == {
        published_variant.id
    }
    apply_changes()
    assert variant_for() == {}
    assert check() == ([], [])


def test_several_variants_of_several_types(db, original, published_variant, maker, variant_type):
    challenge = make_variant(original, maker, variant_type("utmaning").id)
    again = make_variant(original, maker, variant_type("bildstod").id)
    publish_material(challenge, maker)
    publish_material(again, maker)
    db.session.commit()
    apply_changes()
    # Per material: the original has a variant for each, however many of one type.
    assert variant_for() == {"bildstod": 1, "utmaning": 1}


def test_publishing_a_variant_through_the_site_updates_the_facet(
    browser, db, original, maker, variant_type
):
    variant = make_variant(original, maker, variant_type("utmaning").id)
    db.session.commit()
    browser.sign_in(maker.email)
    browser.post(f"/material/{variant.id}/publicera", {}, token_from=f"/material/{variant.id}")
    # The request applied the change log after its commit.
    assert pending_count(CONSUMER) == 0
    html = browser.client.get("/sok").get_data(as_text=True)
    assert "Har variant för" in html and "Utmaning" in html
    filtered = browser.client.get("/sok?variant_for=utmaning").get_data(as_text=True)
    assert "1 träff" in filtered and original.title in filtered


def test_renaming_a_variant_type(browser, signed_in, db, original, published_variant, variant_type):
    picture_support = variant_type("bildstod")
    rename = Change(
        kind=ChangeKind.TERM_RENAMED, subject_id=picture_support.id, scope="variant_type"
    )
    assert _materials_of(rename) == {original.id}

    signed_in(role=Role.ADMIN)
    path = f"/admin/ordlistor/varianttyper/{picture_support.id}"
    response = browser.post(
        path,
        {"name_sv": "Med bilder", "name_en": "With pictures", "description_sv": "",
         "description_en": ""},
        token_from=path,
    )  # fmt: skip
    assert response.status_code == 302
    # The admin's request applied the rename without trouble.
    assert pending_count(CONSUMER) == 0
    assert check() == ([], [])
    assert variant_for() == {"bildstod": 1}
    html = browser.client.get("/sok").get_data(as_text=True)
    assert "Med bilder" in html
    variant_page = browser.client.get(f"/material/{published_variant.id}").get_data(as_text=True)
    assert "En variant för Med bilder." in variant_page


def test_documents_load_the_variants_of_a_batch_in_a_fixed_number_of_queries(
    db, make_material, maker, variant_type
):
    types = [variant_type(slug) for slug in ("bildstod", "utmaning", "digitalt")]

    def make(count: int) -> set[int]:
        ids = set()
        for number in range(count):
            original = make_material(f"Original {number}", files={})
            for variant_type_ in types[: 1 + number % 3]:
                variant = make_variant(original, maker, variant_type_.id)
                publish_material(variant, maker)
                ids.add(variant.id)
            ids.add(original.id)
        db.session.commit()
        return ids

    def queries_to_build(ids: set[int]) -> int:
        database.session.expire_all()
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(database.engine, "before_cursor_execute", listener)
        try:
            materials = load_materials(ids)
            documents = [document(material) for material in materials.values()]
        finally:
            event.remove(database.engine, "before_cursor_execute", listener)
        assert len(documents) == len(ids)
        return len(statements)

    few = make(2)
    assert queries_to_build(few) == queries_to_build(few | make(6))
    built = load_materials({m.id for m in db.session.execute(select(Material)).scalars()})
    for material in built.values():
        expected = sorted(link.variant_type.slug for link in material.variant_links)
        assert document(material)["variant_for"] == ",".join(expected)
