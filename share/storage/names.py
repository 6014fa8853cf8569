"""The name a user gave a file: kept for display and download only, never for storage."""

import re
import unicodedata
from pathlib import PurePath
from urllib.parse import quote

from werkzeug.datastructures import Headers

from share.storage.types import ALLOWED

MAX_LENGTH = 200
#: Categories of characters that show nothing: controls (Cc), format characters (Cf: the
#: bidi controls that make "gpj.exe" display as "exe.jpg", zero-width spaces and joiners,
#: the soft hyphen, the BOM, tag characters), private use (Co) and lone surrogates (Cs).
#: Two names that look the same would otherwise be different names.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs"})
#: Letters (category Lo) that are drawn as nothing: the Hangul fillers.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def _visible(character: str) -> bool:
    return (
        unicodedata.category(character) not in _INVISIBLE_CATEGORIES
        and character not in _BLANK_LETTERS
    )


def clean_display_name(name: str) -> str:
    """`name` without path parts or invisible characters (controls, bidi controls, zero-width
    and other format characters), at most 200 characters.

    Unicode letters stay as they are: "Åk 7 bråk.pdf" is still "Åk 7 bråk.pdf".
    """
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(filter(_visible, name))
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


def attachment_disposition(download_name: str) -> str:
    """The Content-Disposition that saves a download as `download_name`, made as Flask's
    `send_file` makes it (an ASCII `filename`, and RFC 6266 `filename*` for other names),
    for a response that `send_file` does not make: a presigned URL's."""
    try:
        download_name.encode("ascii")
    except UnicodeEncodeError:
        simple = unicodedata.normalize("NFKD", download_name).encode("ascii", "ignore").decode()
        quoted = quote(download_name, safe="!#$&+-.^_`|~")
        names = {"filename": simple, "filename*": f"UTF-8''{quoted}"}
    else:
        names = {"filename": download_name}
    headers = Headers()
    headers.set("Content-Disposition", "attachment", **names)
    return headers["Content-Disposition"]
