"""Numbers and file sizes are written the way the page's language writes them, as dates are."""

import pytest

from share.i18n import format_size as filesize
from tests.support.builders import text_file
from tests.support.materials import create, only_material

NBSP = "\N{NO-BREAK SPACE}"


@pytest.mark.parametrize(
    ("language", "size", "written"),
    [
        ("sv", 90, "90 byte"),
        ("en", 90, "90 bytes"),
        ("en", 1, "1 byte"),
        ("sv", 60_800, "60,8 kB"),
        ("en", 60_800, "60.8 kB"),
        ("sv", 999_999, "1 MB"),
        ("sv", 2_250_000_000, "2,2 GB"),
        ("sv", 12_345 * 10**12, f"12{NBSP}345 TB"),
    ],
)
def test_filesize_follows_the_language(app, language, size, written):
    with app.test_request_context():
        from flask import session
        from flask_babel import refresh

        session["language"] = language
        refresh()
        assert filesize(size).replace("\N{NO-BREAK SPACE}", " ") == written.replace(NBSP, " ")


def test_material_page_writes_sizes_and_counts_in_the_page_language(
    browser, signed_in, material_form, db
):
    signed_in()
    create(browser, material_form, files=[text_file("x" * 89 + "\n", "Lathund.txt")])
    material = only_material(db)
    material.attachments[0].download_count = 1234
    db.session.commit()

    html = browser.client.get(f"/material/{material.id}").get_data(as_text=True)
    assert "TXT, 90 byte" in html and "Bytes" not in html
    assert f"1{NBSP}234 nedladdningar" in html

    browser.post("/sprak", {"language": "en"})
    html = browser.client.get(f"/material/{material.id}").get_data(as_text=True)
    assert "TXT, 90 bytes" in html
    assert "1,234 downloads" in html


@pytest.mark.parametrize(("language", "written"), [("sv", f"1{NBSP}024"), ("en", "1,024")])
def test_messages_made_early_write_their_numbers_in_the_page_language(
    browser, db, language, written
):
    browser.post("/sprak", {"language": language})
    response = browser.post(
        "/registrera",
        {"name": "Ny", "email": "ny@kommun.example", "password": "x" * 1025},
        token_from="/registrera",
    )
    assert written in response.get_data(as_text=True)
