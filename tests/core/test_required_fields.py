"""Every form's shared field macro marks the fields its validators require, in words."""

import re

MARK = '<span class="field__required" aria-hidden="true">(obligatoriskt)</span>'
SPOKEN = '<span class="field__required">(obligatoriskt)</span>'


def label(html: str, field_id: str) -> str:
    """The label and what stands beside it; the mark is outside the <label>, which stays
    the field's name."""
    found = re.search(rf'<label for="{field_id}">([^<]*)</label>(.*?)</div>', html, re.DOTALL)
    assert "obligatoriskt" not in found.group(1)
    return found.group(1) + found.group(2)


def legend(html: str, text: str) -> str:
    return re.search(rf"<legend>({re.escape(text)}.*?)</legend>", html, re.DOTALL).group(1)


def test_registration_marks_every_required_field(client):
    html = client.get("/registrera").get_data(as_text=True)
    for field_id in ("name", "email", "password", "unit_id"):
        assert label(html, field_id).endswith(MARK), field_id
        assert re.search(rf'<(input|select)[^>]*id="{field_id}"[^>]*required', html), field_id


def test_an_optional_field_has_no_mark(client):
    html = client.get("/logga-in").get_data(as_text=True)
    assert label(html, "email").endswith(MARK)
    assert "obligatoriskt" not in label(html, "remember")


def test_the_share_form_marks_required_fields_and_groups(browser, signed_in):
    signed_in()
    html = browser.client.get("/material/ny").get_data(as_text=True)
    assert label(html, "title").endswith(MARK)
    assert label(html, "summary").endswith(MARK)
    assert "obligatoriskt" not in label(html, "research_basis")
    assert "obligatoriskt" not in label(html, "tags")
    # Groups of checkboxes and radios have no `required` a screen reader announces.
    assert legend(html, "Huvudprocesser").endswith(SPOKEN)
    assert legend(html, "Licens").endswith(SPOKEN)
    assert "obligatoriskt" not in legend(html, "Ämnen")


def test_the_mark_is_in_english_on_english_pages(browser, db):
    browser.post("/sprak", {"language": "en"})
    html = browser.client.get("/registrera").get_data(as_text=True)
    assert label(html, "email").endswith('aria-hidden="true">(required)</span>')
