"""Files the tests make at test time: PDFs, office documents, images, zips, text.

No binary fixture is committed; every byte here is written by code a reader can check.
"""

import hashlib
import io
import stat
import struct
import zipfile
import zlib

from docx import Document
from PIL import Image
from pptx import Presentation

CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"


# --- PDF ------------------------------------------------------------------------------------

# The Standard security handler's padding string (PDF 1.7, 7.6.3.3).
_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


class _Rc4Lock:
    """40-bit RC4 encryption (revision 2): what any PDF reader opens with the password."""

    file_id = b"dela-test-file-1"
    permissions = -4

    def __init__(self, user_password: str, owner_password: str) -> None:
        user = (user_password.encode("latin-1") + _PAD)[:32]
        owner = (owner_password.encode("latin-1") + _PAD)[:32]
        self.owner_entry = _rc4(hashlib.md5(owner).digest()[:5], user)  # noqa: S324 (the spec's)
        seed = user + self.owner_entry + struct.pack("<i", self.permissions) + self.file_id
        self.key = hashlib.md5(seed).digest()[:5]  # noqa: S324
        self.user_entry = _rc4(self.key, _PAD)

    def encrypt(self, number: int, data: bytes) -> bytes:
        object_key = self.key + number.to_bytes(3, "little") + b"\x00\x00"
        return _rc4(hashlib.md5(object_key).digest()[:10], data)  # noqa: S324

    def dictionary(self) -> bytes:
        return (
            f"<< /Filter /Standard /V 1 /R 2 /O <{self.owner_entry.hex()}> "
            f"/U <{self.user_entry.hex()}> /P {self.permissions} >>"
        ).encode()


def make_pdf(lines: list[str], *, pages: int = 1, password: str | None = None) -> bytes:
    """A valid PDF written by hand: Helvetica text in WinAnsi, so å, ä and ö survive.
    With `password`, it is RC4-encrypted and opens only with that password."""
    lock = _Rc4Lock(password, "ägarens lösenord") if password else None
    font = 3 + 2 * pages
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
    ]
    for index in range(pages):
        commands = ["BT", "/F1 14 Tf", "72 720 Td", "18 TL"]
        for line in lines:
            text = f"{line} (sida {index + 1})" if pages > 1 else line
            escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            commands.append(f"({escaped}) '")
        stream = "\n".join([*commands, "ET"]).encode("cp1252")
        stream_number = 4 + 2 * index
        if lock:
            stream = lock.encrypt(stream_number, stream)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {stream_number} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    trailer = b""
    if lock:
        objects.append(lock.dictionary())
        file_id = lock.file_id.hex().encode()
        trailer = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objects), file_id, file_id)
    return _write_pdf(objects, trailer)


def _write_pdf(objects: list[bytes], trailer: bytes) -> bytes:
    output = io.BytesIO()
    output.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    output.write(b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, trailer))
    output.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return output.getvalue()


# --- zips and office documents --------------------------------------------------------------


def make_zip(entries: list[tuple[str | zipfile.ZipInfo, bytes | str]]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return output.getvalue()


def with_entry(archive: bytes, name: str | zipfile.ZipInfo, data: bytes | str) -> bytes:
    """`archive` with the entry `name` added, or replaced if it was there."""
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        kept = [(i, source.read(i)) for i in source.infolist() if i.filename != name]
    return make_zip([*kept, (name, data)])


def symlink_entry(name: str) -> zipfile.ZipInfo:
    """A zip entry that Unix unzip makes a symbolic link (its data is the link's target)."""
    entry = zipfile.ZipInfo(name)
    entry.create_system = 3  # Unix: the upper 16 bits of external_attr are the file's mode
    entry.external_attr = (stat.S_IFLNK | 0o777) << 16
    return entry


def content_types(*overrides: tuple[str, str], doctype: str = "") -> str:
    parts = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<Types xmlns="{CONTENT_TYPES_NS}">'
        f'<Default Extension="xml" ContentType="application/xml"/>{parts}</Types>'
    )


def make_docx(paragraphs: list[str], *, thumbnail: bytes | None = None) -> bytes:
    """A real DOCX from python-docx; `thumbnail` becomes docProps/thumbnail.jpeg."""
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    output = io.BytesIO()
    document.save(output)
    if thumbnail is None:
        return output.getvalue()
    return with_entry(output.getvalue(), "docProps/thumbnail.jpeg", thumbnail)


def make_pptx(titles: list[str]) -> bytes:
    """A real PPTX from python-pptx, one slide per title, in order."""
    presentation = Presentation()
    for title in titles:
        slide = presentation.slides.add_slide(presentation.slide_layouts[5])
        slide.shapes.title.text = title
    output = io.BytesIO()
    presentation.save(output)
    return output.getvalue()


def make_odt(
    body_xml: str, *, thumbnail: bytes | None = None, extra=(), mimetype_value=ODT_MIMETYPE
) -> bytes:
    """An ODT as LibreOffice lays it out: `mimetype` first and stored, then content.xml
    with `body_xml` inside office:text, the manifest, and an optional preview."""
    mimetype = zipfile.ZipInfo("mimetype")
    mimetype.compress_type = zipfile.ZIP_STORED
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f"<office:body><office:text>{body_xml}</office:text></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.3"><manifest:file-entry manifest:full-path="/"'
        f' manifest:media-type="{mimetype_value}"/></manifest:manifest>'
    )
    entries = [
        (mimetype, mimetype_value),
        ("content.xml", content),
        ("META-INF/manifest.xml", manifest),
    ]
    if thumbnail is not None:
        entries.append(("Thumbnails/thumbnail.png", thumbnail))
    return make_zip([*entries, *extra])


def make_xlsx(cells: list[str]) -> bytes:
    """A minimal XLSX by hand: a workbook whose cells' words are in shared strings."""
    spreadsheet = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    strings = "".join(f"<si><t>{cell}</t></si>" for cell in cells)
    return make_zip(
        [
            (
                "[Content_Types].xml",
                content_types(
                    ("/xl/workbook.xml", f"{spreadsheet}.sheet.main+xml"),
                    ("/xl/sharedStrings.xml", f"{spreadsheet}.sharedStrings+xml"),
                ),
            ),
            ("xl/workbook.xml", f'<workbook xmlns="{main}"><sheets/></workbook>'),
            ("xl/sharedStrings.xml", f'<sst xmlns="{main}">{strings}</sst>'),
        ]
    )


def write_zip_bomb(path, *, megabytes: int = 300) -> None:
    """A DOCX-shaped zip whose document.xml unpacks to `megabytes` of zeros (~1 KB per MB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types(("/word/document.xml", DOCX_MAIN)))
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"\x00" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(block)


# --- images ---------------------------------------------------------------------------------


def image_bytes(fmt: str = "PNG", size=(60, 40), color=(30, 120, 200), **save) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, color).save(output, fmt, **save)
    return output.getvalue()


def png_bytes(color=(200, 30, 30), size=(40, 30)) -> bytes:
    return image_bytes("PNG", size, color)


def text_file(text: str, name: str):
    """A (stream, file name) pair, as the test client uploads it."""
    return (io.BytesIO(text.encode()), name)


def jpeg_with_gps_and_comment() -> bytes:
    """20×10 pixels whose EXIF says "turn 90° to show" (orientation 6), with GPS
    coordinates, a camera maker and a JPEG comment."""
    exif = Image.Exif()
    exif[0x010F] = "Kamera AB"  # Make
    exif[0x0112] = 6  # Orientation
    exif[0x8825] = {1: "N", 2: (59.0, 19.0, 48.0), 3: "E", 4: (18.0, 4.0, 7.0)}  # GPSInfo
    return image_bytes("JPEG", (20, 10), (200, 120, 30), exif=exif, comment=b"Hemlig kommentar")


def png_declaring(width: int, height: int) -> bytes:
    """A PNG of a few dozen bytes whose header declares `width` × `height` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + chunk(b"IEND", b"")
    )
