"""PDF text and a picture of the first page, read with pdfium.

pdfium parses hostile input in C++, so these run only in the extraction child
(`share.storage.extract`), never in a web worker.
"""

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

#: Enough for search to know what a document is about; a 900-page book says no more.
MAX_TEXT_PAGES = 200


def open_pdf(path: Path) -> pdfium.PdfDocument | None:
    """The document, or None when pdfium cannot open it: damaged, or locked by a password."""
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return None


def document_text(document: pdfium.PdfDocument, max_chars: int) -> str:
    """Text of the first MAX_TEXT_PAGES pages, a page a paragraph, at most `max_chars`."""
    pages: list[str] = []
    total = 0
    for index in range(min(len(document), MAX_TEXT_PAGES)):
        page = document[index]
        text = page.get_textpage().get_text_range().replace("\r\n", "\n")
        pages.append(text)
        total += len(text) + 2
        if total > max_chars:
            break
    return "\n\n".join(pages)[:max_chars]


def first_page_image(document: pdfium.PdfDocument, width: int, max_height: int) -> Image.Image:
    """Page 1 rendered `width` pixels wide, or less when the page is very tall."""
    page = document[0]
    page_width, page_height = page.get_size()
    scale = min(width / max(page_width, 1), max_height / max(page_height, 1))
    return page.render(scale=scale).to_pil()
