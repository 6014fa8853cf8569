"""Real files for the demo content, made on the spot: a PDF, a Word document, a photo.

Each opens in the programs teachers use and carries what Dela extracts: text with å ä ö,
a first-page preview, pixels to make a thumbnail of.
"""

import io
import random
import textwrap
import zipfile

from docx import Document
from PIL import Image, ImageDraw, ImageFont

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
PDF_MARGIN = 56
PDF_LEADING = 16
#: Characters per body line: Helvetica at 11 pt averages a little over 5 pt per character.
PDF_WRAP = 86


def _pdf_text(text: str) -> bytes:
    """A PDF literal string in WinAnsiEncoding (cp1252), non-ASCII bytes as octal escapes."""
    out = bytearray(b"(")
    for byte in text.encode("cp1252", errors="replace"):
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif 32 <= byte < 127:
            out.append(byte)
        else:
            out += b"\\%03o" % byte
    return bytes(out + b")")


def _pdf_pages(lines) -> list[list[str]]:
    """Wrap the lines and split them into pages; the first page leaves room for the title."""
    wrapped: list[str] = []
    for line in lines:
        wrapped += textwrap.wrap(line, PDF_WRAP) or [""]
    first = (PAGE_HEIGHT - 2 * PDF_MARGIN - 40) // PDF_LEADING
    rest = (PAGE_HEIGHT - 2 * PDF_MARGIN) // PDF_LEADING
    pages = [wrapped[:first]]
    for start in range(first, len(wrapped), rest):
        pages.append(wrapped[start : start + rest])
    return pages


def _pdf_content(title: str, lines: list[str], number: int, total: int) -> bytes:
    """The content stream of one page: title (first page), body lines and a footer."""
    top = PAGE_HEIGHT - PDF_MARGIN
    ops = [b"BT", b"%d %d Td" % (PDF_MARGIN, top)]
    if number == 1:
        ops += [b"/F2 18 Tf", _pdf_text(title) + b" Tj", b"0 -40 Td"]
    ops += [b"/F1 11 Tf", b"%d TL" % PDF_LEADING]
    ops += [_pdf_text(line) + b" Tj T*" for line in lines]
    ops += [b"ET", b"BT", b"/F1 8 Tf", b"%d 30 Td" % PDF_MARGIN]
    ops += [_pdf_text(f"{title} – sida {number} av {total}") + b" Tj", b"ET"]
    return b"\n".join(ops)


def make_pdf(title: str, lines) -> bytes:
    """A small, valid PDF 1.4 (A4, Helvetica in WinAnsiEncoding): the title, then the lines."""
    pages = _pdf_pages(lines)
    first_page = 6  # objects 1–5: catalog, page tree, two fonts, document info
    page_ids = [first_page + 2 * index for index in range(len(pages))]
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
    info_title = b"<FEFF" + title.encode("utf-16-be").hex().upper().encode() + b">"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % page_id for page_id in page_ids), len(pages)),
        font % b"Helvetica",
        font % b"Helvetica-Bold",
        b"<< /Title %s /Producer (Dela demo) >>" % info_title,
    ]
    for number, (page_id, page_lines) in enumerate(zip(page_ids, pages, strict=True), 1):
        content = _pdf_content(title, page_lines, number, len(pages))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>"
            % (PAGE_WIDTH, PAGE_HEIGHT, page_id + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def make_docx(title: str, paragraphs) -> bytes:
    """A Word document: the title as a heading, then one paragraph per item."""
    document = Document()
    document.core_properties.title = title
    document.core_properties.author = "Dela (demo)"
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    saved = io.BytesIO()
    document.save(saved)
    # python-docx's template carries the thumbnail of an empty page; Word saves a picture
    # of the first page there, so the demo file does too.
    rewritten = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "docProps/thumbnail.jpeg":
                data = _first_page_preview(title, paragraphs)
            target.writestr(entry, data)
    return rewritten.getvalue()


def _first_page_preview(title: str, paragraphs) -> bytes:
    """A small JPEG of a page: the heading, then the paragraphs, as far as they fit."""
    page = Image.new("RGB", (256, 362), "white")
    draw = ImageDraw.Draw(page)
    heading_font, text_font = _caption_font(15), _caption_font(9)
    if heading_font is None:
        draw.rectangle((20, 24, 200, 36), fill=(46, 84, 130))
    else:
        for number, line in enumerate(textwrap.wrap(title, 26)[:3]):
            draw.text((20, 20 + number * 19), line, fill=(46, 84, 130), font=heading_font)
    y = 90
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, 46):
            if y > 340:
                break
            if text_font is None:
                draw.line((20, y + 5, 20 + 4 * len(line), y + 5), fill=(90, 90, 90), width=2)
            else:
                draw.text((20, y), line, fill=(40, 40, 40), font=text_font)
            y += 12
        y += 6
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


PASTELS = [
    (250, 236, 214), (224, 238, 232), (222, 232, 246), (246, 226, 230),
    (236, 230, 246), (240, 244, 220),
]  # fmt: skip
BRIGHT = [
    (233, 110, 88), (246, 178, 62), (92, 170, 132), (80, 136, 200),
    (160, 110, 190), (235, 120, 160), (70, 170, 190),
]  # fmt: skip
SKIN = [(241, 204, 176), (224, 172, 135), (190, 134, 96), (141, 90, 60), (99, 62, 40)]
HAIR = [(40, 30, 25), (90, 60, 35), (200, 160, 90), (150, 70, 40), (25, 25, 30)]


#: Fonts with å ä ö, looked up by Pillow in the system's font folders. Pillow's own default
#: font has no å ä ö, so without one of these the photo simply goes without its caption.
CAPTION_FONTS = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf")


def _caption_font(size: int) -> ImageFont.FreeTypeFont | None:
    for name in CAPTION_FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return None


def make_photo(seed: int, caption: str) -> bytes:
    """An 800×600 JPEG of an abstract classroom (wall, board, window, desks, children),
    the same for the same seed, with the caption on a band at the bottom where a font
    allows."""
    rng = random.Random(seed)  # noqa: S311 (a picture, not a secret)
    size = (800, 600)
    top, bottom = rng.sample(PASTELS, 2)
    mask = Image.linear_gradient("L").resize(size)
    image = Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)
    draw = ImageDraw.Draw(image, "RGBA")
    # Paper cut-outs on the wall.
    for _ in range(14):
        x, y, r = rng.randint(0, 800), rng.randint(0, 330), rng.randint(8, 30)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*rng.choice(BRIGHT), 70))
    # Floor, board with chalk lines, window.
    draw.rectangle((0, 400, 800, 600), fill=(196, 160, 120))
    board = (90, 60, 500, 290)
    draw.rounded_rectangle(board, radius=10, fill=(46, 84, 66), outline=(140, 100, 60), width=8)
    for row in range(5):
        y = 100 + row * 36
        draw.line((120, y, 120 + rng.randint(120, 340), y), fill=(236, 236, 226), width=4)
    draw.rectangle((570, 60, 730, 270), fill=(190, 224, 246), outline=(250, 250, 250), width=8)
    draw.line((650, 60, 650, 270), fill=(250, 250, 250), width=6)
    draw.line((570, 165, 730, 165), fill=(250, 250, 250), width=6)
    # Children at desks.
    for column in range(4):
        x = 70 + column * 180 + rng.randint(-10, 10)
        colour = rng.choice(BRIGHT)
        draw.ellipse((x + 35, 330, x + 85, 380), fill=rng.choice(SKIN))
        draw.chord((x + 33, 326, x + 87, 372), 180, 360, fill=rng.choice(HAIR))
        draw.rounded_rectangle((x + 20, 378, x + 100, 450), radius=24, fill=colour)
        draw.rounded_rectangle((x - 5, 430, x + 125, 470), radius=6, fill=(236, 214, 170))
        draw.rectangle((x + 5, 470, x + 15, 540), fill=(150, 120, 90))
        draw.rectangle((x + 105, 470, x + 115, 540), fill=(150, 120, 90))
        draw.rectangle((x + 30, 436, x + 70, 446), fill=(*rng.choice(BRIGHT), 255))
    font = _caption_font(26)
    if font is not None:
        draw.rectangle((0, 548, 800, 600), fill=(255, 255, 255, 200))
        draw.text((24, 574), caption, fill=(40, 40, 40), font=font, anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
