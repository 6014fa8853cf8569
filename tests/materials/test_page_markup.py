"""The markup of a material's pages: machine-readable dates, headings that continue the
page's outline, Swedish content marked as Swedish on English pages, and thumbnails whose
size is known before they load."""

import io
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
from PIL import Image

from share.extensions import db
from share.materials.markdown import render_markdown
from share.materials.services import Upload, attach_files
from share.templating import html_datetime
from tests.support.materials import publish_material

BODY = "## Så gör du\n\nLäs högt.\n\n#### Efteråt\n\nSamtala.\n\n# Källor\n\nSkolverket."


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 3, 1, 9, 30, 5, 123456), "2026-03-01T09:30:05Z"),  # SQLite: naive UTC
        (datetime(2026, 3, 1, 9, 30, 5, 123456, tzinfo=UTC), "2026-03-01T09:30:05Z"),
        (
            datetime(2026, 3, 1, 10, 30, 5, tzinfo=timezone(timedelta(hours=1))),
            "2026-03-01T09:30:05Z",
        ),
    ],
)
def test_datetime_attributes_are_utc_to_the_second(moment, expected):
    assert html_datetime(moment) == expected


def test_every_datetime_on_a_material_page_is_valid_html(browser, signed_in):
    author = signed_in()
    material = publish_material(author, "Högläsning med paus", BODY)
    html = browser.client.get(f"/material/{material.id}").get_data(as_text=True)
    values = re.findall(r'datetime="([^"]*)"', html)
    assert len(values) == 2  # published, last changed
    for value in values:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", value), value


@pytest.mark.parametrize(
    ("text", "under", "levels"),
    [
        (BODY, 2, [3, 4, 3]),  # "#" would be h3 and "##" h4, but nothing skips a level
        ("## Så gör du\n\n#### Efteråt", 2, [3, 4]),  # the writer's skip is closed too
        ("### Steg", 2, [3]),
        ("# A\n\n## B", 1, [2, 3]),
        ("# A\n\n## B\n\n### C\n\n#### D\n\n##### E\n\n###### F", 3, [4, 5, 6, 6, 6, 6]),
    ],
)
def test_headings_continue_from_where_the_text_is_shown(text, under, levels):
    html = str(render_markdown(text, under=under))
    assert [int(level) for level in re.findall(r"<h(\d)>", html)] == levels
    assert re.findall(r"</h(\d)>", html) == re.findall(r"<h(\d)>", html)


def test_the_description_continues_under_its_h2(browser, signed_in):
    author = signed_in()
    material = publish_material(author, "Högläsning med paus", "## Så gör du\n\nLäs högt.")
    html = browser.client.get(f"/material/{material.id}").get_data(as_text=True)
    assert '<h2 id="description-heading">' in html
    assert "<h3>Så gör du</h3>" in html


def test_swedish_content_is_marked_on_english_pages(browser, signed_in):
    author = signed_in()
    material = publish_material(author, "Högläsning med paus", "## Så gör du", tags=["läsning"])
    browser.post("/sprak", {"language": "en"})
    html = browser.client.get(f"/material/{material.id}").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert '<meta name="description" content="En sammanfattning.">' in html
    assert '<h1 lang="sv">Högläsning med paus</h1>' in html
    assert '<p class="lead" lang="sv">En sammanfattning.</p>' in html
    assert '<div lang="sv"><h3>Så gör du</h3>' in html
    assert re.search(r'<dd lang="sv">[^<]*<span class="tag">läsning</span>', html)
    assert '<dd lang="sv">Testskolan</dd>' in html
    assert 'lang="sv">Skolområde Test</a>' in html


def test_a_thumbnail_holds_its_place_before_it_loads(browser, signed_in):
    author = signed_in()
    material = publish_material(author, "Bildstöd")
    picture = io.BytesIO()
    Image.new("RGB", (640, 400), (40, 120, 90)).save(picture, "PNG")
    picture.seek(0)
    attach_files(material, author, [Upload(picture, "bildstod.png")])
    db.session.commit()
    html = browser.client.get(f"/material/{material.id}").get_data(as_text=True)
    # The thumbnail is 480 × 300, shown 120 wide.
    assert re.search(r'<img class="file__thumbnail" [^>]*width="120" height="75"', html)
