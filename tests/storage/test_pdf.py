"""PDF text and first-page picture; a PDF pdfium cannot open gives neither."""

import pytest

from share.storage import pdf
from tests.support.builders import make_pdf


@pytest.fixture
def saved(tmp_path):
    def saved(data: bytes):
        path = tmp_path / "upload.pdf"
        path.write_bytes(data)
        return path

    return saved


def test_text_of_every_page(saved):
    document = pdf.open_pdf(saved(make_pdf(["Bråk och procent"], pages=3)))
    text = pdf.document_text(document, 1_000_000)
    assert [f"Bråk och procent (sida {n})" in text for n in (1, 2, 3)] == [True] * 3


def test_text_is_capped(saved):
    document = pdf.open_pdf(saved(make_pdf(["x" * 80] * 5)))
    assert len(pdf.document_text(document, 100)) == 100


def test_first_page_picture_is_thumbnail_wide(saved):
    image = pdf.first_page_image(pdf.open_pdf(saved(make_pdf(["Hej"]))), 480, 960)
    assert image.width == 480 and 620 <= image.height <= 622  # US Letter is 612 × 792 points


def test_encrypted_pdf_cannot_be_opened_without_its_password(saved):
    path = saved(make_pdf(["Hemlig text"], password="hemlig"))
    assert pdf.open_pdf(path) is None
    # It is a sound PDF: with the password it opens and has the text.
    unlocked = pdf.pdfium.PdfDocument(str(path), password="hemlig")
    assert "Hemlig text" in pdf.document_text(unlocked, 1000)


def test_damaged_pdf_cannot_be_opened(saved):
    assert pdf.open_pdf(saved(b"%PDF-1.7\n" + bytes(range(256)) * 8)) is None
