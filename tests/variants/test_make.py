""" "Gör en variant": a draft copy of a published material, linked and credited both ways."""

import pytest
from sqlalchemy import select

from share.auth.models import Role
from share.materials import models as material_models
from share.materials.models import Licence, Material, MaterialStatus
from share.materials.services import (
    purge_material,
    remove_material,
    unpublish_material,
)
from share.notifications.models import Notification, NotificationKind
from share.variants.models import MaterialVariant
from share.variants.services import VariantError, make_variant, variant_title
from share.vocabularies.services import set_retired


def make_path(material) -> str:
    return f"/material/{material.id}/gor-en-variant"


def page(browser, material) -> str:
    return browser.client.get(f"/material/{material.id}").get_data(as_text=True)


def post_variant(browser, material, type_id, **kwargs):
    return browser.post(
        make_path(material),
        {"variant_type_id": str(type_id)},
        token_from=f"/material/{material.id}",
        **kwargs,
    )


def the_variant(db, original) -> Material:
    db.session.expire_all()
    link = db.session.execute(
        select(MaterialVariant).where(MaterialVariant.original_id == original.id)
    ).scalar_one()
    return link.variant


def test_making_a_variant_copies_the_original_and_links_both_ways(
    browser, signed_in, db, original, variant_type
):
    maker = signed_in(name="Emma Sundberg")
    picture_support = variant_type("bildstod")
    response = post_variant(browser, original, picture_support.id)

    variant = the_variant(db, original)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/material/{variant.id}/redigera"
    assert variant.id != original.id
    assert variant.author_id == maker.id and variant.status == MaterialStatus.DRAFT
    assert variant.title == "Bildstöd: Skrivmall för faktatext"
    original = db.session.get(Material, original.id)
    for name in ("kind", "summary", "body", "research_basis", "licence"):
        assert getattr(variant, name) == getattr(original, name), name
    assert variant.licence == Licence.CC_BY_SA
    assert variant.core_processes == original.core_processes
    assert variant.school_forms == original.school_forms
    assert variant.subjects == original.subjects
    assert [t.name for t in variant.tags] == [t.name for t in original.tags]
    # The files: new attachments on the same stored content.
    assert [a.display_name for a in variant.attachments] == ["Skrivmall.txt"]
    assert variant.attachments[0].id != original.attachments[0].id
    assert variant.attachments[0].stored_file_id == original.attachments[0].stored_file_id
    # One first version, holding the whole copy.
    assert len(variant.revisions) == 1
    assert variant.revisions[0].snapshot["files"] == ["Skrivmall.txt"]
    assert variant.research_confirmed_at is None and variant.tried_by_count == 0

    link = variant.variant_origin
    assert (link.original_id, link.variant_type.slug, link.made_by_id) == (
        original.id,
        "bildstod",
        maker.id,
    )
    assert [each.variant_id for each in original.variant_links] == [variant.id]

    edit = browser.client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Din variant är sparad som ett utkast" in edit
    variant_page = page(browser, variant)
    assert "Bygger på" in variant_page
    assert f'href="/material/{original.id}"' in variant_page
    assert "av Peter Holm" in variant_page and "En variant för Bildstöd." in variant_page
    # The maker sees their draft among the original's variants.
    original_page = page(browser, original)
    assert f'href="/material/{variant.id}"' in original_page
    assert "För Bildstöd, av Emma Sundberg" in original_page


def test_the_author_of_the_original_is_told(browser, signed_in, db, original, variant_type):
    maker = signed_in()
    post_variant(browser, original, variant_type("utmaning").id)
    notification = db.session.execute(select(Notification)).scalar_one()
    assert notification.kind == NotificationKind.VARIANT_MADE
    assert (notification.recipient_id, notification.actor_id) == (original.author_id, maker.id)
    assert notification.material_id == original.id and notification.anchor == "varianter"


def test_the_author_may_adapt_their_own_material_and_is_not_told(
    browser, db, author, original, variant_type
):
    browser.sign_in(author.email)
    response = post_variant(browser, original, variant_type("utmaning").id)
    assert response.status_code == 302
    assert the_variant(db, original).author_id == author.id
    assert db.session.execute(select(Notification)).first() is None


def test_variants_are_listed_only_to_those_who_may_see_them(
    browser, signed_in, db, original, variant_type, make_user
):
    maker = make_user(name="Emma Sundberg")
    draft = make_variant(original, maker, variant_type("bildstod").id)
    published = make_variant(original, maker, variant_type("utmaning").id)
    published.status = MaterialStatus.PUBLISHED
    db.session.commit()
    signed_in()
    html = page(browser, original)
    assert f'href="/material/{published.id}"' in html
    assert f'href="/material/{draft.id}"' not in html
    assert "För Utmaning, av Emma Sundberg" in html


def test_the_credit_links_only_to_an_original_the_viewer_may_see(
    browser, signed_in, db, author, original, variant_type
):
    viewer = signed_in()
    variant = make_variant(original, viewer, variant_type("digitalt").id)
    db.session.commit()
    unpublish_material(db.session.get(Material, original.id), author)
    db.session.commit()
    html = page(browser, variant)
    assert f'href="/material/{original.id}"' not in html
    assert original.title not in html.replace(variant.title, "")
    assert "bygger på ett material som inte längre visas" in html


def test_a_variant_of_a_material_one_cannot_see_is_not_found(
    browser, signed_in, make_material, make_user, db, variant_type
):
    other = make_user()
    draft = make_material("Utkast", by=other, publish=False)
    signed_in()
    response = post_variant(browser, draft, variant_type("utmaning").id)
    assert response.status_code == 404
    assert db.session.execute(select(MaterialVariant)).first() is None
    assert browser.post("/material/999999/gor-en-variant", {}).status_code == 404


def test_a_variant_of_a_material_that_is_not_published_is_refused(
    browser, signed_in, make_material, db, variant_type
):
    me = signed_in()
    mine = make_material("Mitt utkast", by=me, publish=False)
    response = post_variant(browser, mine, variant_type("utmaning").id, follow_redirects=True)
    assert "Bara ett publicerat material kan anpassas." in response.get_data(as_text=True)
    assert db.session.execute(select(MaterialVariant)).first() is None
    assert db.session.execute(select(Material.id)).scalars().all() == [mine.id]


def test_a_hidden_material_cannot_be_adapted(db, original, variant_type, make_user):
    original.status = MaterialStatus.HIDDEN
    with pytest.raises(VariantError):
        make_variant(original, make_user(role=Role.ADMIN), variant_type("utmaning").id)


def test_a_licence_without_adaptations_is_refused_in_swedish(
    browser, signed_in, db, original, variant_type, monkeypatch
):
    monkeypatch.setattr(
        material_models, "LICENCES_WITHOUT_ADAPTATIONS", frozenset({Licence.CC_BY_SA})
    )
    signed_in()
    html = page(browser, original)
    assert "Materialets licens tillåter inte ändrade versioner" in html
    assert make_path(original) not in html
    response = post_variant(browser, original, variant_type("utmaning").id, follow_redirects=True)
    assert "Materialets licens tillåter inte ändrade versioner" in response.get_data(as_text=True)
    assert db.session.execute(select(MaterialVariant)).first() is None


@pytest.mark.parametrize("value", ["", "abc", "999999"])
def test_a_variant_type_must_be_chosen_from_the_list(browser, signed_in, db, original, value):
    signed_in()
    response = post_variant(browser, original, value, follow_redirects=True)
    assert "Välj vad varianten är till för." in response.get_data(as_text=True)
    assert db.session.execute(select(MaterialVariant)).first() is None


def test_a_retired_variant_type_is_offered_for_no_new_variant(
    browser, signed_in, db, original, variant_type
):
    retired = variant_type("digitalt")
    set_retired(retired, True, actor=None)
    db.session.commit()
    signed_in()
    assert f'value="{retired.id}"' not in page(browser, original)
    response = post_variant(browser, original, retired.id, follow_redirects=True)
    assert "Välj vad varianten är till för." in response.get_data(as_text=True)


def test_making_a_variant_needs_the_csrf_token(browser, signed_in, db, original, variant_type):
    signed_in()
    response = browser.client.post(
        make_path(original), data={"variant_type_id": variant_type("utmaning").id}
    )
    assert response.status_code == 400
    assert db.session.execute(select(MaterialVariant)).first() is None


def test_making_a_variant_needs_signing_in(client, db, original, variant_type):
    response = client.post(make_path(original), data={"variant_type_id": "1"})
    assert response.status_code in (302, 400)
    assert db.session.execute(select(MaterialVariant)).first() is None


def test_titles_are_escaped_on_both_pages(browser, signed_in, db, make_material, variant_type):
    original = make_material("<script>alert(1)</script> Mall")
    signed_in()
    post_variant(browser, original, variant_type("bildstod").id)
    variant = the_variant(db, original)
    for html in (page(browser, variant), page(browser, original)):
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Mall" in html


def test_a_long_title_is_cut_to_fit(db, make_material, variant_type):
    original = make_material("Å" * 200)
    title = variant_title(original, variant_type("svenska-som-andrasprak"))
    assert len(title) == 200
    assert title.startswith("Svenska som andraspråk: ÅÅÅ") and title.endswith("…")


def test_purging_a_material_takes_its_links_with_it(db, original, variant_type, make_user):
    admin = make_user(role=Role.ADMIN)
    variant = make_variant(original, admin, variant_type("utmaning").id)
    db.session.commit()
    remove_material(original, admin)
    purge_material(original, admin)
    db.session.commit()
    assert db.session.execute(select(MaterialVariant)).first() is None
    assert db.session.get(Material, variant.id) is not None
    # And a purged variant leaves its original.
    variant.status = MaterialStatus.PUBLISHED
    other = make_variant(variant, admin, variant_type("digitalt").id)
    db.session.commit()
    remove_material(other, admin)
    purge_material(other, admin)
    db.session.commit()
    assert db.session.execute(select(MaterialVariant)).first() is None
    assert db.session.get(Material, variant.id) is not None
