"""The demo content: its generated files open, and seeding publishes each demo material once."""

import io
import zipfile
from datetime import UTC, datetime, timedelta

import docx
import pypdfium2 as pdfium
from PIL import Image
from sqlalchemy import select

from share.demo.accounts import seed_demo_accounts
from share.demo.files import make_docx, make_pdf, make_photo
from share.demo.materials import (
    DEMO_MATERIALS,
    SPREAD_DAYS,
    ensure_demo_authors,
    seed_demo_materials,
)
from share.materials.models import Material, MaterialStatus
from share.storage.models import TextState


def pdf_text(data: bytes) -> tuple[int, str]:
    """The page count and the text of page 1."""
    pdf = pdfium.PdfDocument(data)
    page = pdf[0]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    pages = len(pdf)
    textpage.close()
    page.close()
    pdf.close()
    return pages, text


def test_pdf_opens_and_keeps_swedish_letters():
    line = r"Öva på bråk – även ÅÄÖ, (parenteser) och \ snedstreck"
    pages, text = pdf_text(make_pdf("Bråkräkning (åk 6)", [line] * 80))
    assert pages == 2
    assert "Bråkräkning (åk 6)" in text
    assert line in text


def test_docx_opens_with_heading_and_paragraphs():
    data = make_docx("Lekar för språkutveckling", ["Rimlådan – mus och hus", "Viskleken"])
    document = docx.Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts == ["Lekar för språkutveckling", "Rimlådan – mus och hus", "Viskleken"]
    assert document.paragraphs[0].style.name == "Heading 1"


def test_docx_carries_a_preview_of_its_first_page():
    # python-docx's template ships the thumbnail of an empty page; the demo's shows text.
    data = make_docx("Lekar för språkutveckling", ["Rimlådan – mus och hus"] * 5)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        preview = Image.open(io.BytesIO(package.read("docProps/thumbnail.jpeg")))
    darkest, _ = preview.convert("L").getextrema()
    assert preview.format == "JPEG" and darkest < 128


def test_photo_is_a_jpeg_and_the_same_for_the_same_seed():
    data = make_photo(7, "Bild från lektionen")
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size) == ("JPEG", (800, 600))
    assert make_photo(7, "Bild från lektionen") == data
    assert make_photo(8, "Bild från lektionen") != data


def as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def test_seed_publishes_every_demo_material_once(db):
    seed_demo_accounts()
    assert seed_demo_materials(ensure_demo_authors()) == len(DEMO_MATERIALS)
    db.session.commit()
    assert seed_demo_materials(ensure_demo_authors()) == 0

    materials = db.session.execute(select(Material)).scalars().all()
    assert sorted(m.title for m in materials) == sorted(item.title for item in DEMO_MATERIALS)
    assert {m.status for m in materials} == {MaterialStatus.PUBLISHED}
    assert len({m.area_id for m in materials}) == 4
    assert all(m.core_processes and m.tags and m.revisions for m in materials)

    attachments = [a for m in materials for a in m.attachments]
    assert len(attachments) == sum(len(item.files) for item in DEMO_MATERIALS)
    assert {a.stored_file.file_type for a in attachments} == {"pdf", "docx", "jpeg"}
    texts = [a.stored_file for a in attachments if a.stored_file.file_type != "jpeg"]
    assert all(stored.text_state == TextState.EXTRACTED for stored in texts)
    assert any("Spågumman" in stored.text for stored in texts)

    now = datetime.now(UTC)
    published = [as_utc(m.published_at) for m in materials]
    assert len(set(published)) == len(materials)
    assert all(now - timedelta(days=SPREAD_DAYS) < moment < now for moment in published)
    assert all(as_utc(m.created_at) <= as_utc(m.published_at) for m in materials)

    # A demo material renamed on the site is still that demo material: no twin next time.
    renamed, older = sorted(materials, key=lambda m: m.id)[:2]
    original_title = renamed.title
    renamed.title = "Omdöpt av en lärare"
    # One seeded before materials had demo keys is known again by its author and title.
    older.demo_key = None
    db.session.commit()
    assert seed_demo_materials(ensure_demo_authors()) == 0
    db.session.commit()
    titles = list(db.session.execute(select(Material.title)).scalars())
    assert len(titles) == len(DEMO_MATERIALS) and original_title not in titles
    assert older.demo_key == older.title
