"""Office and OpenDocument files: zip safety first, then type, text and embedded preview.

Every zip is checked before anything reads it: entry count, unpacked size, compression
ratio and entry names. XML is parsed with defusedxml: no DTDs, no entities.
"""

import io
import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse

from share.storage import errors

MAX_ENTRIES = 2_000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: Real documents compress well, but not 1:200 once an entry is past a megabyte.
MAX_RATIO = 200
MAX_XML_BYTES = 50 * 1024 * 1024

ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
OOXML_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
}

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def open_checked(path: Path) -> zipfile.ZipFile:
    """The zip, once it passed the safety checks; raises FileRefused otherwise."""
    try:
        archive = zipfile.ZipFile(path)
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise errors.refused_archive() from error
    total = 0
    for entry in entries:
        name = entry.filename
        if (
            name.startswith(("/", "\\"))
            or "\\" in name
            or ".." in name.split("/")
            or re.match(r"^[A-Za-z]:", name)
        ):
            archive.close()
            raise errors.refused_archive()
        total += entry.file_size
        ratio_too_high = entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(
            entry.compress_size, 1
        )
        if len(entries) > MAX_ENTRIES or total > MAX_UNPACKED_BYTES or ratio_too_high:
            archive.close()
            raise errors.refused_archive()
    return archive


def _read(archive: zipfile.ZipFile, name: str, limit: int = MAX_XML_BYTES) -> bytes:
    with archive.open(name) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise errors.refused_archive()
    return data


def office_type(archive: zipfile.ZipFile) -> str:
    """ "docx", "pptx", "xlsx", "odt", "odp" or "ods"; raises FileRefused for anything else."""
    names = set(archive.namelist())
    if "mimetype" in names:
        mimetype = _read(archive, "mimetype", 200).decode("ascii", "replace").strip()
        if mimetype in ODF_TYPES:
            return ODF_TYPES[mimetype]
        raise errors.refused_type()
    if "[Content_Types].xml" not in names:
        raise errors.refused_type()
    try:
        root = fromstring(_read(archive, "[Content_Types].xml", 1024 * 1024), forbid_dtd=True)
    except (ParseError, DefusedXmlException) as error:
        raise errors.refused_archive() from error
    content_types = [element.get("ContentType", "") for element in root]
    if any("macroEnabled" in ct or "vbaProject" in ct for ct in content_types) or any(
        name.lower().endswith("vbaproject.bin") for name in names
    ):
        raise errors.refused_macros()
    for content_type in content_types:
        if content_type in OOXML_MAIN_TYPES:
            return OOXML_MAIN_TYPES[content_type]
    raise errors.refused_type()


def _texts(xml: bytes, tags: set[str], breaks: set[str]) -> list[str]:
    """Text of the elements in `tags`, with a line break after each element in `breaks`."""
    parts: list[str] = []
    for _event, element in iterparse(io.BytesIO(xml), events=("end",), forbid_dtd=True):
        if element.tag in tags and element.text:
            parts.append(element.text)
        if element.tag in breaks:
            parts.append("\n")
        element.clear()
    return parts


def _slide_number(name: str) -> int:
    return int(re.search(r"(\d+)\.xml$", name).group(1))


def office_text(archive: zipfile.ZipFile, file_type: str) -> str:
    names = archive.namelist()
    if file_type == "docx":
        parts = _texts(_read(archive, "word/document.xml"), {f"{W}t"}, {f"{W}p"})
    elif file_type == "pptx":
        slides = sorted(
            (n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)), key=_slide_number
        )
        parts = [p for n in slides for p in _texts(_read(archive, n), {f"{A}t"}, {f"{A}p"})]
    elif file_type == "xlsx":
        shared = "xl/sharedStrings.xml"
        parts = _texts(_read(archive, shared), {f"{S}t"}, {f"{S}si"}) if shared in names else []
    else:
        parts = _texts(
            _read(archive, "content.xml"),
            {f"{TEXT_NS}p", f"{TEXT_NS}h", f"{TEXT_NS}span"},
            {f"{TEXT_NS}p", f"{TEXT_NS}h"},
        )
    return "".join(parts)


def embedded_preview(archive: zipfile.ZipFile) -> bytes | None:
    """The preview image Office or LibreOffice saved inside the file, if any (JPEG/PNG)."""
    for name in ("docProps/thumbnail.jpeg", "docProps/thumbnail.png", "Thumbnails/thumbnail.png"):
        if name in archive.namelist():
            return _read(archive, name, 5 * 1024 * 1024)
    return None
