"""Feedback to an author and comments in a real browser: Sara gives Anna feedback on Anna's
demo method and comments on it, Anna reads and answers the feedback and replies to the
comment; axe-core checks the material page in each state and every page of its own."""

import re

import pytest
from sqlalchemy import select

from share.auth.models import User
from share.demo.materials import DEMO_MATERIALS, draft_of
from share.extensions import db
from share.materials.services import create_material

WRITER = "forskollarare@kommun.example"  # Sara Ek
AUTHOR = "larare@kommun.example"  # Anna Lindqvist
TITLE = "Lässtrategier med läsfigurerna – reciprok undervisning i åk 4"
MATERIAL_PAGE = re.compile(r".*/material/\d+(\?[^#]*)?(#.*)?$")


@pytest.fixture(scope="module")
def demo_material(live_server) -> int:
    """Anna's demo method, published on the live server (which seeds only the demo
    accounts); its files are left out, they play no part here. Returns its id."""
    item = next(m for m in DEMO_MATERIALS if m.title == TITLE)
    with live_server.app.app_context():
        author = db.session.execute(select(User).where(User.email == item.author)).scalar_one()
        assert author.email == AUTHOR
        material = create_material(
            author,
            draft_of(item),
            publish=True,
        )
        db.session.commit()
        return material.id


def sign_out(page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_load_state()


def test_feedback_answered_and_a_comment_replied_to(page, sign_in_as, axe_check, demo_material):
    material_page = f"/material/{demo_material}"
    sign_in_as(WRITER)
    page.goto(material_page)
    feedback = page.locator("#aterkoppling")
    assert feedback.get_by_role("heading", name="Återkoppling till författaren").is_visible()
    axe_check(page)

    feedback.get_by_label("En fråga").check()
    feedback.get_by_label("Ditt meddelande").fill(
        "Hur länge arbetade ni med varje läsfigur innan eleverna tog över rollerna?"
    )
    feedback.get_by_role("button", name="Skicka till Anna Lindqvist").click()
    page.wait_for_url(MATERIAL_PAGE)
    assert page.get_by_text("Din återkoppling är skickad.").is_visible()
    message = page.locator("li.feedback-item", has_text="Hur länge arbetade ni")
    assert message.get_by_text("från dig till Anna Lindqvist").is_visible()
    assert message.get_by_text("Inte besvarat ännu.").is_visible()
    axe_check(page)

    comments = page.locator("#kommentarer")
    comments.get_by_label("Din kommentar", exact=True).fill(
        "Vi provar i åk 5 nästa termin. Bra stöd: https://www.skolverket.se/"
    )
    comments.get_by_role("button", name="Publicera kommentaren").click()
    page.wait_for_url(MATERIAL_PAGE)
    comment = page.locator("article.comment", has_text="Vi provar i åk 5")
    assert comment.get_by_role("link", name="https://www.skolverket.se/").get_attribute("rel") == (
        "nofollow noopener"
    )
    axe_check(page)
    sign_out(page)

    sign_in_as(AUTHOR)
    page.goto("/notiser")
    page.get_by_role("link", name=f"Sara Ek har gett dig återkoppling på {TITLE}.").click()
    page.wait_for_url(MATERIAL_PAGE)
    assert "#aterkoppling-" in page.url
    message = page.locator("li.feedback-item", has_text="Hur länge arbetade ni")
    assert message.get_by_text("från Sara Ek", exact=True).is_visible()
    axe_check(page)
    message.get_by_label("Ditt svar till Sara Ek").fill("Ungefär två veckor per figur.")
    message.get_by_role("button", name="Skicka svaret").click()
    page.wait_for_url(MATERIAL_PAGE)
    message = page.locator("li.feedback-item", has_text="Hur länge arbetade ni")
    assert message.get_by_text("Svar från Anna Lindqvist").is_visible()
    assert message.get_by_text("Ungefär två veckor per figur.").is_visible()
    axe_check(page)

    comment = page.locator("article.comment", has_text="Vi provar i åk 5")
    comment.locator("summary").click()
    axe_check(page)  # with the reply form open
    comment.get_by_label("Ditt svar till Sara Ek").fill("Lycka till! Berätta gärna hur det gick.")
    comment.get_by_role("button", name="Publicera svaret").click()
    page.wait_for_url(MATERIAL_PAGE)
    replies = page.locator(".comment-replies")
    assert replies.get_by_text("Lycka till! Berätta gärna hur det gick.").is_visible()
    axe_check(page)
    sign_out(page)

    sign_in_as(WRITER)
    page.goto("/notiser")
    assert page.get_by_role(
        "link", name=f"Anna Lindqvist har svarat på din återkoppling på {TITLE}."
    ).is_visible()
    axe_check(page)


def test_the_pages_of_their_own(page, sign_in_as, axe_check, demo_material):
    material_page = f"/material/{demo_material}"
    sign_in_as(WRITER)
    page.goto(f"{material_page}/aterkoppling")
    assert page.get_by_role("heading", level=1).inner_text() == "Ge återkoppling"
    page.get_by_role("button", name="Skicka till Anna Lindqvist").click()
    assert page.get_by_text("Välj vilken sorts återkoppling det är.").is_visible()
    assert page.get_by_text("Skriv ditt meddelande till författaren.").is_visible()
    axe_check(page)  # a refused form, with its messages
    page.get_by_label("Ett förslag").check()
    page.get_by_label("Ditt meddelande").fill("Lägg gärna till bildstöd till figurerna.")
    page.get_by_role("button", name="Skicka till Anna Lindqvist").click()
    page.wait_for_url(MATERIAL_PAGE)

    page.goto(f"{material_page}/kommentarer")
    axe_check(page)
    page.get_by_label("Din kommentar").fill("En kommentar att redigera.")
    page.get_by_role("button", name="Publicera kommentaren").click()
    page.wait_for_url(MATERIAL_PAGE)
    comment = page.locator("article.comment", has_text="En kommentar att redigera.")
    comment.get_by_role("link", name="Redigera eller ta bort din kommentar").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Redigera din kommentar"
    axe_check(page)
    page.get_by_label("Din kommentar").fill("En redigerad kommentar.")
    page.get_by_role("button", name="Spara kommentaren").click()
    page.wait_for_url(MATERIAL_PAGE)
    comment = page.locator("article.comment", has_text="En redigerad kommentar.")
    assert "redigerad" in comment.locator(".comment__meta").inner_text()
    comment_id = comment.get_attribute("id").removeprefix("kommentar-")
    page.goto(f"{material_page}/kommentarer/{comment_id}/svar")
    assert page.get_by_role("heading", level=1).inner_text() == "Svara Sara Ek"
    axe_check(page)
    sign_out(page)

    sign_in_as(AUTHOR)
    page.goto(material_page)
    message = page.locator("li.feedback-item", has_text="Lägg gärna till bildstöd")
    answer_path = message.locator("form").get_attribute("action")
    page.goto(answer_path)
    assert page.get_by_role("heading", level=1).inner_text() == "Svara på återkoppling"
    axe_check(page)
