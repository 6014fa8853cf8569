"""The front door: a visitor who is not signed in learns what Dela is and gets in from /."""

from playwright.sync_api import expect

from share.demo.accounts import DEMO_PASSWORD


def test_a_visitor_reads_what_dela_is_and_signs_in_from_the_front_page(
    page, live_server, axe_check
):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dela – kollegor delar det som fungerar"
    )
    expect(page.get_by_text("Logga in för att se sidan")).to_have_count(0)
    expect(page.locator(".process-list li")).to_have_count(5)
    expect(page.locator(".front__counts")).to_be_visible()
    expect(
        page.get_by_role("link", name="Registrera dig med din e-postadress i jobbet")
    ).to_be_visible()
    axe_check(page)

    page.get_by_label("E-postadress", exact=True).fill("larare@kommun.example")
    page.get_by_label("Lösenord", exact=True).fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Logga in", exact=True).click()
    assert page.url == f"{live_server.url}/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen till Dela, Anna Lindqvist")
