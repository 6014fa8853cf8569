"""Office Open XML and OpenDocument files: zip safety first, then type, text and preview.

`open_checked` vets a zip before anything reads an entry: entry count, unpacked size,
compression ratio, entry names, links and encryption. XML is parsed only with defusedxml,
which refuses DTDs and entities; `declares_dtd` finds a DTD in any XML part, so that such a
file is refused rather than kept without text. XLSX text is its shared strings: the words
typed into cells, not numbers or formulas.
"""

import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml.ElementTree import iterparse

from share.storage import errors

MAX_ENTRIES = 2_000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: Real documents compress well, but not past 1:200 once an entry is over a megabyte.
MAX_RATIO = 200
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
MAX_XML_BYTES = 50 * 1024 * 1024
MAX_PREVIEW_BYTES = 5 * 1024 * 1024

ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
# Content types are compared in lowercase: MIME types are case-insensitive.
OOXML_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
}
SLIDE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
SHARED_STRINGS_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedstrings+xml"
)
#: Where Office and LibreOffice save the first-page preview, and its image type.
PREVIEWS = (
    ("docProps/thumbnail.jpeg", "jpeg"),
    ("docProps/thumbnail.jpg", "jpeg"),
    ("docProps/thumbnail.png", "png"),
    ("Thumbnails/thumbnail.png", "png"),
)

#: Indexes LibreOffice keeps in Basic/<library>/ beside the modules: lists, not code.
LIBRARY_INDEXES = ("script-lb.xml", "dialog-lb.xml")

_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError)


@dataclass(frozen=True)
class _TextRule:
    """How one XML vocabulary holds its text."""

    paragraphs: frozenset[str]
    #: Elements whose text is document text; None when all text is (ODF's mixed content).
    text: frozenset[str] | None
    #: Empty elements that stand for whitespace.
    spacing: dict[str, str]


_WORD = _TextRule(frozenset({f"{_W}p"}), frozenset({f"{_W}t"}), {f"{_W}tab": "\t", f"{_W}br": "\n"})
_SLIDES = _TextRule(frozenset({f"{_A}p"}), frozenset({f"{_A}t"}), {f"{_A}br": "\n"})
_CELLS = _TextRule(frozenset({f"{_S}si"}), frozenset({f"{_S}t"}), {})
_ODF = _TextRule(
    frozenset({f"{_TEXT}p", f"{_TEXT}h"}),
    None,
    {f"{_TEXT}s": " ", f"{_TEXT}tab": "\t", f"{_TEXT}line-break": "\n"},
)


def _unsafe_name(name: str) -> bool:
    return (
        not name
        or name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or ".." in name.split("/")
        or re.match(r"[A-Za-z]:", name) is not None
    )


def _special_file(entry: zipfile.ZipInfo) -> bool:
    """A symbolic link, device or pipe: zips made on Unix keep the file's mode in the upper
    16 bits, and an unpacking program may follow a link out of its folder."""
    kind = stat.S_IFMT(entry.external_attr >> 16)
    return kind not in (0, stat.S_IFREG, stat.S_IFDIR)


def _too_compressed(entry: zipfile.ZipInfo) -> bool:
    if entry.file_size <= RATIO_CHECKED_FROM_BYTES:
        return False
    return entry.file_size > MAX_RATIO * max(entry.compress_size, 1)


def open_checked(path: Path) -> zipfile.ZipFile:
    """The zip at `path`, open, once it passed every safety check; raises FileRefused."""
    try:
        archive = zipfile.ZipFile(path)
    except _READ_ERRORS as error:
        raise errors.refused_archive() from error
    entries = archive.infolist()
    names = [entry.filename for entry in entries]
    unsafe = (
        len(entries) > MAX_ENTRIES
        or len(set(names)) != len(names)  # two entries, one name: readers disagree on which
        or sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES
        or any(_unsafe_name(name) for name in names)
        or any(_special_file(entry) for entry in entries)
        or any(entry.flag_bits & 0x1 for entry in entries)  # encrypted
        or any(_too_compressed(entry) for entry in entries)
    )
    if unsafe:
        archive.close()
        raise errors.refused_archive()
    return archive


@contextmanager
def _part(archive: zipfile.ZipFile, name: str, limit: int = MAX_XML_BYTES) -> Iterator[IO[bytes]]:
    """An entry opened for reading; zipfile stops at its declared size, which is capped."""
    if archive.getinfo(name).file_size > limit:
        raise errors.refused_archive()
    with archive.open(name) as member:
        yield member


def _content_types(archive: zipfile.ZipFile) -> list[tuple[str | None, str]]:
    """(part name, content type) for each Override; (None, content type) for each Default."""
    found = []
    with _part(archive, "[Content_Types].xml", 1024 * 1024) as member:
        for _event, element in iterparse(member, forbid_dtd=True):
            if element.tag == f"{_CONTENT_TYPES}Override":
                part = element.get("PartName", "").lstrip("/")
                found.append((part, element.get("ContentType", "").lower()))
            elif element.tag == f"{_CONTENT_TYPES}Default":
                found.append((None, element.get("ContentType", "").lower()))
    return found


def _odf_macro(name: str) -> bool:
    """LibreOffice keeps Basic modules in Basic/<library>/, other languages in Scripts/."""
    if name.startswith("Scripts/"):
        return True
    if not name.startswith("Basic/"):
        return False
    library, _, module = name.removeprefix("Basic/").partition("/")
    return bool(library) and module.endswith(".xml") and module not in LIBRARY_INDEXES


def office_type(archive: zipfile.ZipFile) -> str:
    """ "docx", "pptx", "xlsx", "odt", "odp" or "ods"; raises FileRefused for any other zip,
    for macros, and for a package that cannot be read."""
    names = set(archive.namelist())
    if any(name.lower().endswith("vbaproject.bin") or _odf_macro(name) for name in names):
        raise errors.refused_macros()
    if ("mimetype" in names) == ("[Content_Types].xml" in names):
        raise errors.refused_type()  # neither, or a zip that claims to be both
    try:
        if "mimetype" in names:
            with _part(archive, "mimetype", 200) as member:
                mimetype = member.read().decode("ascii", "replace").strip()
            if mimetype not in ODF_TYPES:
                raise errors.refused_type()
            return ODF_TYPES[mimetype]
        content_types = _content_types(archive)
    except (*_READ_ERRORS, ParseError, DefusedXmlException) as error:
        raise errors.refused_archive() from error
    if any("macroenabled" in ct or "vbaproject" in ct for _part_name, ct in content_types):
        raise errors.refused_macros()
    found = {
        OOXML_MAIN_TYPES[ct]
        for part_name, ct in content_types
        if ct in OOXML_MAIN_TYPES and part_name in names
    }
    if len(found) != 1:
        raise errors.refused_type()
    return found.pop()


def _flatten(paragraph: Element, rule: _TextRule) -> str:
    """The paragraph's text in document order (iterative: nesting depth is the file's choice)."""
    parts: list[str] = []
    stack: list[tuple[Element, bool]] = [(paragraph, False)]
    while stack:
        element, closing = stack.pop()
        if closing:
            if rule.text is None and element is not paragraph and element.tail:
                parts.append(element.tail)
            continue
        parts.append(rule.spacing.get(element.tag, ""))
        if element.text and (rule.text is None or element.tag in rule.text):
            parts.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    return "".join(parts)


def _paragraphs(member: IO[bytes], rule: _TextRule) -> Iterator[str]:
    for _event, element in iterparse(member, events=("end",), forbid_dtd=True):
        if element.tag in rule.paragraphs:
            yield _flatten(element, rule)
            element.clear()  # keeps memory flat however long the document is


def _slide_number(name: str) -> int:
    match = re.search(r"(\d+)\.xml$", name)
    return int(match.group(1)) if match else 0


def _text_parts(archive: zipfile.ZipFile, file_type: str) -> list[tuple[str, _TextRule]]:
    if file_type in ("odt", "odp", "ods"):
        return [("content.xml", _ODF)]
    names = set(archive.namelist())
    parts = {part: ct for part, ct in _content_types(archive) if part in names}
    if file_type == "docx":
        return [(p, _WORD) for p, ct in parts.items() if OOXML_MAIN_TYPES.get(ct) == "docx"]
    if file_type == "pptx":
        slides = sorted((p for p, ct in parts.items() if ct == SLIDE_TYPE), key=_slide_number)
        return [(slide, _SLIDES) for slide in slides]
    return [(p, _CELLS) for p, ct in parts.items() if ct == SHARED_STRINGS_TYPE]


def office_text(archive: zipfile.ZipFile, file_type: str, max_chars: int) -> str:
    """The document's text, one paragraph a line (slides in order), at most `max_chars`.

    Raises zipfile, XML or defusedxml errors for a file it cannot read."""
    lines: list[str] = []
    total = 0
    for name, rule in _text_parts(archive, file_type):
        with _part(archive, name) as member:
            for line in _paragraphs(member, rule):
                lines.append(line)
                total += len(line) + 1
                if total > max_chars:
                    return "\n".join(lines)[:max_chars]
    return "\n".join(lines)


def declares_dtd(archive: zipfile.ZipFile, file_type: str) -> bool:
    """Whether an XML part (any *.xml or *.rels entry, and the parts text is read from)
    declares a DTD. Office and LibreOffice never write one; it only serves entity tricks.
    Reads each part up to its root element, where a DTD must have been declared."""
    names = {name for name in archive.namelist() if name.lower().endswith((".xml", ".rels"))}
    names.update(name for name, _rule in _text_parts(archive, file_type))
    for name in sorted(names):
        with _part(archive, name) as member:
            try:
                next(iter(iterparse(member, events=("start",), forbid_dtd=True)), None)
            except DTDForbidden:
                return True
            except ParseError:
                continue  # not XML: the text, if it is a text part, is not read either
    return False


def embedded_preview(archive: zipfile.ZipFile) -> tuple[bytes, str] | None:
    """The preview image Office or LibreOffice saved in the file, and its type, if any.

    EMF/WMF previews are left out: Pillow only reads them on Windows."""
    names = set(archive.namelist())
    for name, image_type in PREVIEWS:
        if name in names:
            with _part(archive, name, MAX_PREVIEW_BYTES) as member:
                return member.read(), image_type
    return None
