"""Moderation in a real browser: a teacher reports a material, the editor of its area hides
it from the queue, and the admin finds the act in the audit log."""

import re
import uuid

import pytest
from sqlalchemy import select

from share.auth.services import create_user
from share.demo.accounts import DEMO_PASSWORD
from share.extensions import db
from share.materials.models import Licence, MaterialKind
from share.materials.services import MaterialDraft, create_material
from share.schools.models import Unit
from share.vocabularies.registry import by_key

MATERIAL_PAGE = re.compile(r".*/material/\d+(#.*)?$")


@pytest.fixture
def material_in_south(live_server) -> tuple[int, str]:
    """A published material by a teacher at Sjöviksskolan, in Skolområde Söder: the area of
    the demo editor rektor@kommun.example (share/demo/accounts.py). Returns (id, title)."""
    suffix = uuid.uuid4().hex[:6]
    title = f"Högläsning med paus {suffix}"
    with live_server.app.app_context():
        unit = db.session.execute(select(Unit).where(Unit.name == "Sjöviksskolan")).scalar_one()
        author = create_user(
            email=f"forfattare.{suffix}@kommun.example",
            name="Lina Söderberg",
            password=DEMO_PASSWORD,
            unit_id=unit.id,
        )
        material = create_material(
            author,
            MaterialDraft(
                kind=MaterialKind.METHOD,
                title=title,
                summary="Läraren läser högt och pausar för frågor.",
                licence=Licence.CC_BY,
                terms={"core_process": [by_key("core_process").terms()[0].id]},
            ),
            publish=True,
        )
        db.session.commit()
        material_id = material.id
        db.session.remove()
    return material_id, title


def test_report_hide_from_the_queue_and_read_the_log(
    page, sign_in_as, axe_check, material_in_south
):
    material_id, title = material_in_south
    sign_in_as("larare@kommun.example")  # Skolområde Norr
    page.goto(f"/material/{material_id}")
    page.get_by_role("link", name="Anmäl materialet").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Anmäl till en moderator"
    axe_check(page)
    page.get_by_role("button", name="Skicka anmälan").click()
    assert page.get_by_text("Skriv varför du anmäler det.").first.is_visible()
    axe_check(page)  # the form with its error
    page.get_by_label("Varför anmäler du det?").fill("Texten är kopierad ur en lärobok.")
    page.get_by_role("button", name="Skicka anmälan").click()
    page.wait_for_url(MATERIAL_PAGE)
    assert page.get_by_text("Tack. En moderator tittar på din anmälan.").is_visible()
    assert page.get_by_role("link", name=re.compile("^Moderering")).count() == 0
    page.get_by_role("button", name="Logga ut").click()

    sign_in_as("rektor@kommun.example")  # the editor of Skolområde Söder
    page.goto("/")
    moderation = page.get_by_role("link", name=re.compile("^Moderering"))
    assert "öppna anmälningar" in moderation.inner_text()
    moderation.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Moderering"
    axe_check(page)
    page.get_by_role("link", name=f"Material: {title}").click()
    assert page.get_by_text("Texten är kopierad ur en lärobok.").is_visible()
    axe_check(page)
    page.get_by_label("Meddelande").fill("Skriv om texten med egna ord, så visar jag den igen.")
    page.get_by_role("button", name="Dölj det").click()
    page.wait_for_url(re.compile(r".*/moderering$"))
    assert page.get_by_text(
        "Det är dolt, och den som skrev det har fått ditt meddelande."
    ).is_visible()
    assert page.get_by_text(title).count() == 0
    page.get_by_role("link", name="Avgjorda").click()
    assert page.get_by_role("cell", name="Dolt").first.is_visible()
    axe_check(page)
    page.get_by_role("button", name="Logga ut").click()

    sign_in_as("admin@kommun.example")
    page.goto("/admin/")
    page.get_by_role("link", name="Händelselogg").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Händelselogg"
    axe_check(page)
    page.get_by_label("Händelse").select_option(label="Material dolt")
    page.get_by_label("E-postadress till den som gjorde det").fill("rektor@")
    page.get_by_role("button", name="Filtrera").click()
    row = page.get_by_role("row").filter(has_text=title)
    assert "Erik Rektorsson" in row.inner_text()
    assert "Skriv om texten med egna ord" in row.inner_text()
    axe_check(page)


def test_a_comment_reported_and_hidden_by_the_editor(
    page, sign_in_as, axe_check, material_in_south
):
    material_id, _title = material_in_south
    sign_in_as("forskollarare@kommun.example")
    page.goto(f"/material/{material_id}")
    comments = page.locator("#kommentarer")
    comments.get_by_label("Din kommentar", exact=True).fill(
        "Fråga Kalle i 3B, han kan allt om det."
    )
    comments.get_by_role("button", name="Publicera kommentaren").click()
    page.wait_for_url(MATERIAL_PAGE)
    page.get_by_role("button", name="Logga ut").click()

    sign_in_as("larare@kommun.example")
    page.goto(f"/material/{material_id}")
    page.get_by_role("link", name="Anmäl kommentaren från Sara Ek").click()
    page.get_by_label("Varför anmäler du det?").fill("Kommentaren namnger en elev.")
    page.get_by_role("button", name="Skicka anmälan").click()
    page.wait_for_url(MATERIAL_PAGE)
    page.get_by_role("button", name="Logga ut").click()

    sign_in_as("rektor@kommun.example")
    page.goto("/moderering")
    page.get_by_role("link", name=re.compile("^Kommentar")).first.click()
    assert page.get_by_text("Kommentaren namnger en elev.").is_visible()
    axe_check(page)
    page.get_by_label("Meddelande").fill("Skriv gärna igen utan elevens namn.")
    page.get_by_role("button", name="Dölj det").click()
    page.wait_for_url(re.compile(r".*/moderering$"))
    page.goto(f"/material/{material_id}")
    assert page.get_by_text("Fråga Kalle i 3B").count() == 0
    axe_check(page)
