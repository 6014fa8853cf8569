"""Material bodies: Markdown rendered to HTML, then sanitized with an allow-list."""

import html

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# Raw HTML in the Markdown is shown as text, and nh3 (Ammonia) cleans whatever the
# renderer makes, so a body can never carry script, styles or other schemes.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}


def render_markdown(text: str, *, under: int) -> Markup:
    """The text as clean HTML, shown below a heading of level `under` (2 for a section
    under the page's h2).

    The text's own headings continue from there without skipping a level, whatever levels
    the writer chose: its biggest heading becomes h(under + 1), and no heading goes more
    than one level deeper than the one before it (h6 at most).
    """
    tokens = _markdown.parse(text or "")
    _shift_headings(tokens, under)
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(cleaned)  # noqa: S704 (sanitized by nh3 just above)


def _shift_headings(tokens, under: int) -> None:
    levels = [int(token.tag[1]) for token in tokens if token.type == "heading_open"]
    if not levels:
        return
    biggest, level = min(levels), under
    for token in tokens:
        if token.type == "heading_open":
            level = min(under + 1 + int(token.tag[1]) - biggest, level + 1, 6)
            token.tag = f"h{level}"
        elif token.type == "heading_close":  # always right after its own opening's inline
            token.tag = f"h{level}"


def markdown_to_text(text: str) -> str:
    """The words of a Markdown text without its markup: what search indexes and quotes."""
    without_tags = nh3.clean(_markdown.render(text or ""), tags=set(), attributes={})
    return html.unescape(without_tags)
