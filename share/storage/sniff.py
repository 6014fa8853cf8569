"""Decide a file's type from its content and the allow-list; the name only has to agree.

The name's extension never picks a type the content does not show. It may only choose
between two readings of one content: Markdown or plain text, and audio or video in an
MP4 container whose brand does not say which.
"""

import codecs
import re
from pathlib import Path, PurePath

from share.storage import errors, office
from share.storage.types import ALLOWED, FileType

HEAD_BYTES = 4096
CHUNK = 64 * 1024

# What a browser would take for a web page if it sniffed (WHATWG MIME Sniffing, "identifying
# a resource with an unknown MIME type"), and SVG and PHP besides.
_WEB_CONTENT = re.compile(
    rb"<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p"
    rb"|svg)[\s/>]|<!--|<\?xml|<\?php",
    re.IGNORECASE,
)
_PROGRAMS = (
    b"MZ",  # Windows
    b"\x7fELF",  # Linux
    b"#!",  # scripts
    b"\xca\xfe\xba\xbe",  # macOS universal, Java class
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
)
_M4A_BRANDS = {b"M4A ", b"M4B "}
_M4V_BRANDS = {b"M4V ", b"M4VH", b"M4VP"}
#: Brands used for sound-only and video files alike (Android recorders write mp42 or isom).
_MP4_BRANDS = {
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"iso8", b"iso9",
    b"mp41", b"mp42", b"avc1", b"dash", b"mmp4", b"MSNV",
}  # fmt: skip


def _extension(name: str) -> str | None:
    """The name's extension, lowercased; None when it has none ("Lektion 3. Bråk")."""
    suffix = PurePath(name).suffix.lower()
    return suffix if re.fullmatch(r"\.(?=[0-9]*[a-z])[a-z0-9]{1,10}", suffix) else None


def _mp3(head: bytes) -> bool:
    if head.startswith(b"ID3"):
        return True
    # An MPEG audio frame header: 11 sync bits, Layer III, no reserved or "bad" value.
    # (Layer I would also take in UTF-16 text, whose byte order mark is FF FE.)
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version, layer = (head[1] >> 3) & 0b11, (head[1] >> 1) & 0b11
    bitrate, sample_rate = head[2] >> 4, (head[2] >> 2) & 0b11
    return version != 0b01 and layer == 0b01 and bitrate not in (0, 0b1111) and sample_rate != 0b11


def _mp4_family(head: bytes, extension: str | None) -> str:
    brand = head[8:12]
    if brand in _M4A_BRANDS:
        return "m4a"
    if brand in _M4V_BRANDS:
        return "mp4"
    if brand in _MP4_BRANDS:
        return "m4a" if extension == ".m4a" else "mp4"
    raise errors.refused_type()  # QuickTime, HEIC, AVIF, 3GP...


def _text_type(path: Path, head: bytes, extension: str | None) -> str:
    """ "txt" or "md" for clean UTF-8 text; raises FileRefused for web content or binary."""
    if _WEB_CONTENT.match(head.removeprefix(codecs.BOM_UTF8).lstrip()):
        raise errors.refused_web_page()
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as file:
            while chunk := file.read(CHUNK):
                if b"\x00" in chunk:
                    raise errors.refused_type()
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        raise errors.refused_type() from error
    return "md" if extension in ALLOWED["md"].extensions else "txt"


def _content_type(path: Path, head: bytes, extension: str | None) -> str:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":
        return _mp4_family(head, extension)
    if head.startswith(b"PK\x03\x04"):
        with office.open_checked(path) as archive:
            return office.office_type(archive)
    if head.startswith(_PROGRAMS):
        raise errors.refused_program()
    if _mp3(head):
        return "mp3"
    return _text_type(path, head, extension)


def sniff(path: Path, name: str) -> FileType:
    """The allowed type of the file at `path`. Raises FileRefused when the content is not
    allowed, or when `name` has an extension that does not fit the content."""
    with path.open("rb") as file:
        head = file.read(HEAD_BYTES)
    extension = _extension(name)
    file_type = ALLOWED[_content_type(path, head, extension)]
    if extension is not None and extension not in file_type.extensions:
        raise errors.refused_mismatch(extension, file_type.key)
    return file_type
