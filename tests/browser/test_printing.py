"""A material page prints cleanly: what can only be clicked stays on screen; the text, its
web links written out, the files, the author and the licence go on paper."""

import uuid

from playwright.sync_api import expect

from tests.support.browser import share_material

LINK = "https://www.skolverket.se/"


def test_a_material_page_prints_without_menus_forms_or_buttons(page, sign_in_as, tmp_path):
    sign_in_as("larare@kommun.example")
    title = f"Tallinjen på papper {uuid.uuid4().hex[:6]}"
    share_material(
        page,
        tmp_path,
        title,
        before_submit=lambda: page.get_by_label("Beskrivning", exact=True).fill(
            f"Vi följde [Skolverkets stöd]({LINK}) och ritade en tallinje."
        ),
    )
    link = page.locator("main a", has_text="Skolverkets stöd")
    written_out = "el => getComputedStyle(el, '::after').content"
    # On screen: the menu, the buttons and the forms are there, and the link is just a link.
    expect(page.get_by_role("navigation", name="Huvudmeny")).to_be_visible()
    assert page.locator("main button:visible").count() > 0
    assert LINK not in link.evaluate(written_out)

    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Huvudmeny")).to_be_hidden()
    expect(page.locator("header.site-header")).to_be_hidden()
    assert page.locator("button:visible, form:visible, input:visible").count() == 0
    expect(page.get_by_role("link", name="Redigera")).to_be_hidden()
    assert LINK in link.evaluate(written_out)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text("Vi följde")).to_be_visible()
    expect(page.locator(".file-list")).to_contain_text("Åk 7 bråk.pdf")
    expect(page.locator(".file-list")).to_contain_text("Lektionsplan.docx")
    expect(page.locator(".facts")).to_contain_text("Anna Lindqvist")
    expect(page.locator("section[aria-labelledby='licence-heading']")).to_contain_text(
        "anger Anna Lindqvist som upphovsperson"
    )
