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


def render_markdown(text: str) -> Markup:
    html = _markdown.render(text or "")
    # A body's own headings sit under the page's h1 and the section's h2.
    for level in (3, 2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(
            f"</h{level}>", f"</h{level + 2}>"
        )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(cleaned)  # noqa: S704 (sanitized by nh3 just above)


def markdown_to_text(text: str) -> str:
    """The words of a Markdown text without its markup: what search indexes and quotes."""
    without_tags = nh3.clean(_markdown.render(text or ""), tags=set(), attributes={})
    return html.unescape(without_tags)
