"""The variant types: a vocabulary seeded like the others and edited on the admin pages,
but no material is tagged with it."""

from sqlalchemy import select

from share.auth.models import Role
from share.vocabularies.models import VariantType
from share.vocabularies.registry import MATERIAL_VOCABULARIES, by_key, by_list_slug
from share.vocabularies.services import list_terms

SLUGS = [
    "extra-anpassning",
    "sarskilt-stod",
    "utmaning",
    "svenska-som-andrasprak",
    "bildstod",
    "npf-anpassad",
    "digitalt",
]


def test_the_variant_types_are_seeded_in_order(db):
    terms = list_terms(VariantType)
    assert [term.slug for term in terms] == SLUGS
    assert all(term.name_sv and term.name_en and term.description_sv for term in terms)
    assert terms[4].name_sv == "Bildstöd"


def test_it_is_a_vocabulary_but_not_one_materials_are_tagged_with():
    vocabulary = by_key("variant_type")
    assert by_list_slug("varianttyper") is vocabulary and not vocabulary.relation
    assert vocabulary not in MATERIAL_VOCABULARIES


def test_the_admin_pages_edit_it(browser, signed_in, db):
    signed_in(role=Role.ADMIN)
    html = browser.client.get("/admin/ordlistor/varianttyper").get_data(as_text=True)
    assert "<h1>Varianttyper</h1>" in html and "NPF-anpassad" in html
    assert "/admin/ordlistor/varianttyper" in browser.client.get("/admin/").get_data(as_text=True)
    response = browser.post(
        "/admin/ordlistor/varianttyper",
        {"name_sv": "Lättläst", "name_en": "Easy to read", "description_sv": "",
         "description_en": ""},
        token_from="/admin/ordlistor/varianttyper",
    )  # fmt: skip
    assert response.status_code == 302
    added = db.session.execute(select(VariantType).where(VariantType.slug == "lattlast"))
    assert added.scalar_one().position == len(SLUGS) + 1


def test_only_admins_edit_it(browser, signed_in, db):
    signed_in(role=Role.EDITOR)
    assert browser.client.get("/admin/ordlistor/varianttyper").status_code == 403
