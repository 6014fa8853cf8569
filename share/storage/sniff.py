"""Decide a file's type from its content and the allow-list; the name only has to agree."""

import codecs
import re
from pathlib import Path, PurePath

from share.storage import archives, errors
from share.storage.types import ALLOWED, FileType

_WEB_MARKERS = (
    b"<!doctype",
    b"<html",
    b"<svg",
    b"<script",
    b"<?xml",
    b"<head",
    b"<body",
    b"<iframe",
)


def _mp3(head: bytes) -> bool:
    if head.startswith(b"ID3"):
        return True
    # An MPEG audio frame: 11 set sync bits, a valid version/layer, a bitrate that is not "bad".
    return (
        len(head) > 3
        and head[0] == 0xFF
        and head[1] & 0xE0 == 0xE0
        and head[1] & 0x06 != 0
        and head[2] & 0xF0 != 0xF0
    )


def _text_type(path: Path, head: bytes, filename: str) -> str:
    """ "txt" or "md" for clean UTF-8 text; raises FileRefused for web content or binary."""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(_WEB_MARKERS):
        raise errors.refused_web_page()
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as file:
        while chunk := file.read(64 * 1024):
            if b"\x00" in chunk:
                raise errors.refused_type()
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                raise errors.refused_type() from error
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        raise errors.refused_type() from error
    return "md" if PurePath(filename).suffix.lower() in (".md", ".markdown") else "txt"


def _content_type(path: Path, head: bytes, filename: str) -> str:
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
        return "m4a" if head[8:12] in (b"M4A ", b"M4B ") else "mp4"
    if head.startswith(b"PK\x03\x04"):
        with archives.open_checked(path) as archive:
            return archives.office_type(archive)
    if head.startswith((b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")):
        raise errors.refused_program()
    if _mp3(head):
        return "mp3"
    return _text_type(path, head, filename)


def sniff(path: Path, filename: str) -> FileType:
    """The allowed type of the file at `path`; raises FileRefused when it is not allowed or
    when the name's extension says something else than the content."""
    with path.open("rb") as file:
        head = file.read(4096)
    file_type = ALLOWED[_content_type(path, head, filename)]
    extension = PurePath(filename).suffix.lower()
    # "Lektion 3. Bråk" has no extension; ".pdf" or ".docx" does.
    if re.fullmatch(r"\.[a-z0-9]{1,5}", extension) and extension not in file_type.extensions:
        raise errors.refused_mismatch(extension, file_type.key)
    return file_type
