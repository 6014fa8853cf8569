"""Snippets: the words a query found, marked, in a passage that starts where a sentence
or clause does.

A word is marked when the query found it in any form: stemmed, folded (typed without
å ä ö) or as a compound. Whoosh escapes the text; nh3 makes sure nothing but <mark> is
left.
"""

import re

import nh3
from markupsafe import Markup, escape
from whoosh import highlight
from whoosh.analysis import Token

from share.search.analysis import WORD
from share.search.query import Sought

#: Highlighting re-reads the text of every hit shown: at most this much of it.
MAX_CHARS = 4_000
#: About this long, a passage; it starts at most this far before its first marked word.
PASSAGE_CHARS, LOOK_BACK = 220, 160
#: Where a sentence ends, or failing that a clause.
SENTENCE_END = re.compile(r"[.!?…]+[\s)\"”»]+|\n+")
CLAUSE_END = re.compile(r"[,;:–—]\s+")
FORMATTER = highlight.HtmlFormatter(tagname="mark", between=" … ")
#: The token text of a word the query found.
_FOUND = "\x00found"
_WORD = re.compile(WORD)


def _found(text: str, sought: Sought) -> list[Token]:
    """The words of `text` the query found, as the highlighter's matched tokens: each
    distinct word is looked at once, and only the found ones are looked for where they
    stand, so no token is made for the others."""
    lowered = _lowered(text)
    tokens = []
    for word in sought.found_among(set(_WORD.findall(lowered))):
        for start, end in _places(lowered, word):
            token = Token(chars=True, boost=1.0, matched=True, text=_FOUND)
            token.startchar, token.endchar = start, end
            tokens.append(token)
    return sorted(tokens, key=lambda token: token.startchar)


def _lowered(text: str) -> str:
    """`text` lowercased, each character where it stood: a letter whose lowercase is
    longer (İ) is left as it is."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def _places(text: str, word: str):
    """Where `word` stands in `text` as a whole word (no letter or digit next to it: what
    WORD takes for a word's bounds)."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if (start == 0 or not text[start - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        ):
            yield start, end
        start = text.find(word, end)


class ClauseFragmenter(highlight.Fragmenter):
    """Passages that start at the beginning of the sentence (or, in a long one, the clause)
    of their first marked word and end at a word boundary."""

    def fragment_tokens(self, text, all_tokens):
        tokens = [token for token in all_tokens if token.matched]
        end = 0
        for index, token in enumerate(tokens):
            if token.startchar < end:
                continue
            start = _passage_start(text, token.startchar)
            end = _passage_end(text, max(start + PASSAGE_CHARS, token.endchar))
            inside = [t for t in tokens[index:] if t.endchar <= end]
            yield highlight.Fragment(text, inside, start, end)


def _passage_start(text: str, at: int) -> int:
    window_start = max(0, at - LOOK_BACK)
    window = text[window_start:at]
    for boundary in (SENTENCE_END, CLAUSE_END):
        ends = [match.end() for match in boundary.finditer(window)]
        if ends:
            return window_start + ends[-1]
    return 0 if window_start == 0 else at


def _passage_end(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    space = text.rfind(" ", at - 40, at)
    return space if space > 0 else at


def highlighted(text: str, sought: Sought) -> Markup | None:
    """Up to two passages of `text` with the words `sought` found marked, or None."""
    if not text or not sought:
        return None
    text = text[:MAX_CHARS]
    fragments = ClauseFragmenter().fragment_tokens(text, _found(text, sought))
    best = highlight.top_fragments(fragments, 2, highlight.BasicFragmentScorer(), highlight.FIRST)
    fragment = FORMATTER(text, best)
    if not fragment:
        return None
    return Markup(nh3.clean(fragment, tags={"mark"}, attributes={}))  # noqa: S704 (cleaned)


def plain(text: str) -> Markup | None:
    """A text shown as a snippet without marks (a summary, when the hit was in the title)."""
    return escape(text) if text else None
