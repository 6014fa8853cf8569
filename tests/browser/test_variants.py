"""Making a variant in a real browser: the form on a demo material's page, the draft to
adapt and publish, and the link on both pages, checked with axe-core."""

import re
import uuid
from dataclasses import replace

import pytest
from sqlalchemy import select

from share.auth.models import User
from share.demo.materials import DEMO_MATERIALS, draft_of
from share.extensions import db
from share.materials.services import create_material
from share.search.index import apply_changes

MATERIAL_PAGE = re.compile(r".*/material/\d+$")


@pytest.fixture
def demo_original(live_server) -> tuple[int, str]:
    """One of the demo materials, published by a demo account: (id, title)."""
    item = next(i for i in DEMO_MATERIALS if i.title == "Bråkräkning med pappersremsor")
    with live_server.app.app_context():
        author = db.session.execute(
            select(User).where(User.email == "rektor@kommun.example")
        ).scalar_one()
        material = create_material(
            author,
            replace(draft_of(item), title=f"{item.title} {uuid.uuid4().hex[:6]}"),
            publish=True,
        )
        db.session.commit()
        apply_changes()
        found = (material.id, material.title)
        db.session.remove()
    return found


def test_make_a_variant_and_see_both_links(page, sign_in_as, axe_check, demo_original):
    original_id, original_title = demo_original
    sign_in_as("larare@kommun.example")
    page.goto(f"/material/{original_id}")
    section = page.get_by_role("region", name="Varianter")
    assert section.get_by_text("Inga varianter ännu.").is_visible()
    axe_check(page)

    section.get_by_label("Vad är varianten till för?").select_option(label="Utmaning")
    section.get_by_role("button", name="Gör en variant").click()
    page.wait_for_url("**/redigera")
    assert page.get_by_text("Din variant är sparad som ett utkast").is_visible()
    assert page.get_by_label("Titel").input_value() == f"Utmaning: {original_title}"
    page.get_by_role("button", name="Publicera").click()
    page.wait_for_url(MATERIAL_PAGE)

    assert page.get_by_role("heading", level=1).inner_text() == f"Utmaning: {original_title}"
    section = page.get_by_role("region", name="Varianter")
    assert section.get_by_text("Bygger på").is_visible()
    assert f"Bygger på {original_title} av Erik Rektorsson." in section.inner_text()
    axe_check(page)

    section.get_by_role("link", name=original_title, exact=True).click()
    page.wait_for_url(f"**/material/{original_id}")
    section = page.get_by_role("region", name="Varianter")
    variant_link = section.get_by_role("link", name=f"Utmaning: {original_title}")
    assert variant_link.is_visible()
    assert section.get_by_text("För Utmaning, av").is_visible()
    axe_check(page)

    page.goto(f"/sok?variant_for=utmaning&q={original_title.rsplit(' ', 1)[1]}")
    assert page.get_by_role("link", name=original_title, exact=True).is_visible()
