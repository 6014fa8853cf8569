"""The demo variants: made as a teacher would, published, and made once."""

from sqlalchemy import select

from share.demo.accounts import seed_demo_accounts
from share.demo.materials import ensure_demo_authors, seed_demo_materials
from share.demo.variants import DEMO_VARIANTS, seed_demo_variants
from share.materials.models import MaterialStatus
from share.variants.models import MaterialVariant


def test_seed_makes_each_demo_variant_once(db):
    seed_demo_accounts()
    authors = ensure_demo_authors()
    # Without the demo materials there is nothing to adapt.
    assert seed_demo_variants(authors) == 0
    seed_demo_materials(authors)
    assert seed_demo_variants(authors) == len(DEMO_VARIANTS)
    db.session.commit()
    assert seed_demo_variants(ensure_demo_authors()) == 0

    links = db.session.execute(select(MaterialVariant)).scalars().all()
    assert sorted(
        (link.original.title, link.variant_type.slug, link.variant.title) for link in links
    ) == sorted((item.original, item.variant_type, item.title) for item in DEMO_VARIANTS)
    for link in links:
        assert link.variant.status == MaterialStatus.PUBLISHED
        assert link.variant.author.email == link.made_by.email
        assert link.variant.author_id != link.original.author_id
        assert link.variant.attachments  # the original's files came along

    # Renamed on the site, the variants and their originals are still the demo's.
    for link in links:
        link.variant.title += " (omdöpt)"
        link.original.title += " (omdöpt)"
    db.session.commit()
    assert seed_demo_variants(ensure_demo_authors()) == 0
