"""The search boxes (header, start page, search page) as comboboxes with suggestions, used
by keyboard alone; and the search page's filters behind "Filtrera" on a phone."""

import uuid

import pytest
from playwright.sync_api import expect

from share.demo.accounts import DEMO_PASSWORD
from tests.support.browser import share_material

TEACHER = "larare@kommun.example"
PHONE = {"width": 375, "height": 800}


def tab_to(page, element_id: str, limit: int = 60) -> None:
    """Press Tab until the element with `element_id` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
    pytest.fail(f"#{element_id} was not reached with {limit} presses of Tab")


def duplicate_ids(page) -> list[str]:
    return page.evaluate(
        """() => {
            const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
            return ids.filter((id, i) => ids.indexOf(id) !== i);
        }"""
    )


@pytest.fixture
def titled(page, sign_in_as, tmp_path):
    """A material shared by the teacher, whose title no other test's suggestions hold."""
    sign_in_as(TEACHER)
    marker = f"kombinationsruta{uuid.uuid4().hex[:6]}"
    title = f"Tallinjen {marker}"
    share_material(page, tmp_path, title)
    return marker, title


def test_start_page_box_by_keyboard_alone(page, axe_check, titled):
    marker, title = titled
    page.goto("/")
    assert duplicate_ids(page) == []
    tab_to(page, "home-q")
    page.keyboard.type(marker)
    box = page.get_by_role("combobox", name="Vad letar du efter?")
    expect(box).to_have_attribute("aria-expanded", "true")
    listbox = page.get_by_role("listbox", name="Förslag")
    assert box.get_attribute("aria-controls") == listbox.get_attribute("id") == "home-q-listbox"
    option = listbox.get_by_role("option", name=title)
    expect(option).to_be_visible()
    expect(page.locator("#home-q-status")).to_have_text("1 förslag")
    assert page.locator("#home-q-status").get_attribute("role") == "status"
    axe_check(page)

    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "home-q-listbox-0")
    expect(option).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(box).to_have_value(title)
    expect(box).to_have_attribute("aria-expanded", "false")
    assert box.get_attribute("aria-activedescendant") is None

    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/sok?q=" in page.url
    expect(page.locator(".search-results").get_by_role("link", name=title)).to_be_visible()
    # The search page has its own box, so the header's is left out there.
    assert page.locator("#site-search-q").count() == 0
    expect(page.get_by_role("combobox", name="Sökord")).to_have_value(title)
    assert duplicate_ids(page) == []
    axe_check(page)


def test_header_box_escape_closes_then_empties(page, axe_check, titled):
    marker, title = titled
    page.goto("/utforska")
    tab_to(page, "site-search-q")
    page.keyboard.type(marker)
    box = page.get_by_role("combobox", name="Sök i Dela")
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#site-search-q-listbox").get_by_role("option", name=title)).to_be_visible()
    axe_check(page)
    page.keyboard.press("ArrowUp")  # with none chosen, up goes to the last (the only one)
    expect(box).to_have_attribute("aria-activedescendant", "site-search-q-listbox-0")
    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value(marker)
    page.keyboard.press("ArrowDown")  # opens the list again
    expect(box).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(box).to_have_value("")
    page.keyboard.type("matematik")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/sok?q=matematik")


def test_on_a_phone_the_results_come_first(page, axe_check, titled):
    marker, title = titled
    page.set_viewport_size(PHONE)
    page.goto(f"/sok?q={marker}&subject=matematik&school_form=grundskola-7-9")
    first_hit = page.locator(".search-results").get_by_role("link", name=title)
    filters = page.locator("summary", has_text="Filtrera (2")
    facets = page.get_by_role("navigation", name="Avgränsa sökningen")
    expect(first_hit).to_be_visible()
    expect(facets).to_be_hidden()
    summary_box, hit_box = filters.bounding_box(), first_hit.bounding_box()
    assert summary_box["y"] + summary_box["height"] <= hit_box["y"] < PHONE["height"]
    assert filters.inner_text().startswith("Filtrera (2")
    axe_check(page)

    filters.focus()
    page.keyboard.press("Enter")
    expect(facets).to_be_visible()
    expect(facets.get_by_role("link", name="Ta bort filter: Matematik")).to_be_visible()
    axe_check(page)

    page.set_viewport_size({"width": 1280, "height": 800})  # wide: beside the results
    expect(filters).to_be_hidden()
    expect(facets).to_be_visible()
    assert facets.bounding_box()["x"] < first_hit.bounding_box()["x"]
    assert facets.bounding_box()["y"] < first_hit.bounding_box()["y"] + 200


def test_without_javascript_the_boxes_and_filters_still_work(
    browser, live_server, saved_sign_ins, titled
):
    marker, title = titled
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", java_script_enabled=False, viewport=PHONE
    )
    try:
        context.add_cookies(saved_sign_ins(TEACHER, DEMO_PASSWORD)["cookies"])
        page = context.new_page()
        page.goto("/")
        page.get_by_label("Vad letar du efter?").fill(marker)
        with page.expect_navigation():
            page.get_by_label("Vad letar du efter?").press("Enter")
        expect(page.locator(".search-results").get_by_role("link", name=title)).to_be_visible()
        facets = page.get_by_role("navigation", name="Avgränsa sökningen")
        expect(facets).to_be_hidden()
        page.locator("summary", has_text="Filtrera").click()
        expect(facets).to_be_visible()
    finally:
        context.close()
