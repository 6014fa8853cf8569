"""The search page in a real browser: words, a facet on and off, and axe-core."""

import uuid

from tests.support.browser import share_material


def test_search_with_facets(page, sign_in_as, axe_check, tmp_path):
    sign_in_as("larare@kommun.example")
    marker = f"tallinjebråk{uuid.uuid4().hex[:6]}"
    share_material(page, tmp_path, f"Bråk på tallinjen {marker}")
    page.goto("/sok")
    page.get_by_label("Sökord").fill(marker)
    page.get_by_role("button", name="Sök", exact=True).click()
    page.wait_for_url("**/sok?*")
    results = page.locator(".search-results")
    assert results.get_by_role("link", name=f"Bråk på tallinjen {marker}").is_visible()
    axe_check(page)
    facets = page.get_by_role("navigation", name="Avgränsa sökningen")
    facets.get_by_role("link", name="Matematik").click()
    page.wait_for_load_state()
    assert "subject=matematik" in page.url
    assert results.get_by_role("link", name=f"Bråk på tallinjen {marker}").is_visible()
    axe_check(page)
    facets.get_by_role("link", name="Ta bort filter: Matematik").click()
    page.wait_for_load_state()
    assert "subject=" not in page.url


def test_suggestions_while_typing(page, sign_in_as, tmp_path):
    sign_in_as("larare@kommun.example")
    marker = f"förslagsord{uuid.uuid4().hex[:6]}"
    share_material(page, tmp_path, f"Titel med {marker}")
    page.goto("/sok")
    page.get_by_label("Sökord").press_sequentially(marker[:12])
    option = page.get_by_role("listbox", name="Förslag").get_by_role("option").first
    option.wait_for(timeout=5000)
    assert option.text_content() == f"Titel med {marker}"
