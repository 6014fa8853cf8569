"""What a user writes in feedback, answers and comments: plain text, how it is kept and how
it is shown.

Nothing a user writes becomes markup: every piece of the text is escaped, and the only
HTML in the result of `linked_text` is the `<a>` elements made here, for http and https
addresses only.
"""

import re
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from share.i18n import lazy_number
from share.rules import DomainError

#: The longest message, answer or comment, in characters.
MAX_TEXT = 5_000


class FeedbackError(DomainError):
    """A rule about feedback or comments was broken."""


def kept_text(text: str | None, empty_message) -> str:
    """The text as it is kept: line ends made "\\n", stripped. Raises FeedbackError (on
    the field "text", with `empty_message`) when nothing is left, or when it is too long."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise FeedbackError(empty_message, field="text")
    if len(text) > MAX_TEXT:
        raise FeedbackError(
            _l("At most %(max)s characters.", max=lazy_number(MAX_TEXT)), field="text"
        )
    return text


#: A web address: the scheme, then everything up to white space or a character that
#: cannot stand unencoded in one (quotes and angle brackets end it, as in running text).
_ADDRESS = re.compile(r"""https?://[^\s<>"'`\u00ab\u00bb\u201c\u201d\u2018\u2019]+""", re.I)
#: Punctuation that ends a sentence rather than an address ("se https://x.se.").
_TRAILING = ".,:;!?*_~"
_CLOSING = {")": "(", "]": "["}


def _trim(address: str) -> str:
    """The address without the punctuation of the sentence around it; a closing bracket
    stays when the address opened it ("https://sv.wikipedia.org/wiki/Lek_(barn)")."""
    while address:
        last = address[-1]
        unopened = last in _CLOSING and address.count(last) > address.count(_CLOSING[last])
        if last not in _TRAILING and not unopened:
            break
        address = address[:-1]
    return address


def _is_web_address(address: str) -> bool:
    try:
        parts = urlsplit(address)
    except ValueError:  # e.g. an unclosed "[" in the host part
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)


def _link(address: str) -> Markup:
    # Markup.format escapes what it puts in.
    return Markup('<a href="{0}" rel="nofollow noopener">{0}</a>').format(address)


def linked_text(text: str | None) -> Markup:
    """`text` escaped for HTML, with each http(s) address in it made a link
    (rel="nofollow noopener"). Line breaks are kept as they are; show the result in an
    element with `white-space: pre-line`."""
    text = text or ""
    pieces = []
    position = 0
    for match in _ADDRESS.finditer(text):
        address = _trim(match.group())
        if not _is_web_address(address):
            continue
        pieces.append(text[position : match.start()])
        pieces.append(_link(address))
        position = match.start() + len(address)
    pieces.append(text[position:])
    # Markup's join escapes every piece that is not already Markup: all the user's text.
    return Markup("").join(pieces)
