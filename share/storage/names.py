"""The name a user gave a file: kept for display and download only, never for storage."""

import re
import unicodedata
from pathlib import PurePath

from share.storage.types import ALLOWED

MAX_LENGTH = 200
# Bidirectional controls can make "gpj.exe" display as "exe.jpg".
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNWANTED = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_BIDI}]")


def clean_display_name(name: str) -> str:
    """`name` without path parts, control or bidi characters, at most 200 characters.

    Unicode letters stay as they are: "Åk 7 bråk.pdf" is still "Åk 7 bråk.pdf".
    """
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _UNWANTED.sub("", name)
    name = " ".join(name.split()).lstrip(". ")
    if len(name) > MAX_LENGTH:
        suffix = PurePath(name).suffix
        suffix = suffix if 1 < len(suffix) <= 10 else ""
        name = name[: MAX_LENGTH - len(suffix)].rstrip() + suffix
    return name or "fil"


def download_name(display_name: str, file_type: str) -> str:
    """The name to save a download under: the display name, with the extension of the
    file's type added when it has none that agrees, so the file opens in the right program."""
    extensions = ALLOWED[file_type].extensions
    if PurePath(display_name).suffix.lower() in extensions:
        return display_name
    return display_name + extensions[0]
