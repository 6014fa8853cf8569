"""Actions look like what they are: links go somewhere, buttons do something, and what
removes something is set apart, on the material page and in every template."""

import re
import uuid
from pathlib import Path

from tests.support.browser import share_material

TEMPLATES = Path(__file__).resolve().parents[2] / "share" / "templates"


def style(locator, prop: str) -> str:
    return locator.evaluate(f"el => getComputedStyle(el).getPropertyValue('{prop}')")


def test_material_page_links_buttons_and_the_removal_apart(page, sign_in_as, tmp_path, axe_check):
    sign_in_as("larare@kommun.example")
    share_material(page, tmp_path, f"Knappar och länkar {uuid.uuid4().hex[:6]}")
    for name in ("Redigera", "Historik"):
        link = page.get_by_role("link", name=name, exact=True)
        assert "underline" in style(link, "text-decoration-line"), name
        assert style(link, "border-top-style") == "none", name
    unpublish = page.get_by_role("button", name="Avpublicera", exact=True)
    remove = page.get_by_role("button", name="Ta bort", exact=True)
    for button in (unpublish, remove):
        assert "underline" not in style(button, "text-decoration-line")
        assert style(button, "border-top-style") == "solid"
    # The removal has its own colour, and more room from its neighbour than the others.
    assert style(remove, "color") == "rgb(163, 0, 27)"
    assert style(remove, "color") != style(unpublish, "color")
    gap = remove.bounding_box()["x"] - (
        unpublish.bounding_box()["x"] + unpublish.bounding_box()["width"]
    )
    assert gap >= 24
    axe_check(page)


def test_no_template_dresses_a_link_as_a_button_or_an_action_as_a_link():
    links_as_buttons, buttons_as_links = [], []
    for template in TEMPLATES.rglob("*.html"):
        html = template.read_text(encoding="utf-8")
        links_as_buttons += [
            f"{template.name}: {tag}"
            for tag in re.findall(r"<a\b[^>]*>", html)
            if re.search(r'class="[^"]*\bbutton\b', tag)
        ]
        if template.name != "base.html":  # the header's language switch and sign-out
            buttons_as_links += [
                f"{template.name}: {tag}"
                for tag in re.findall(r"<button\b[^>]*link-button[^>]*>", html)
            ]
    assert links_as_buttons == [] and buttons_as_links == []
