"""Plain text with its web addresses as links, and nothing else as HTML."""

import pytest

from share.feedback.text import linked_text


def test_plain_text_is_escaped():
    assert str(linked_text('<script>alert("x")</script> & <b>')) == (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;"
    )


def test_nothing_is_empty():
    assert str(linked_text(None)) == "" and str(linked_text("")) == ""


def test_an_address_becomes_a_link_and_the_sentence_keeps_its_punctuation():
    html = str(linked_text("Se https://www.skolverket.se/bedomning. Bra!"))
    assert html == (
        'Se <a href="https://www.skolverket.se/bedomning" rel="nofollow noopener">'
        "https://www.skolverket.se/bedomning</a>. Bra!"
    )


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("(se http://exempel.se/a)", "http://exempel.se/a"),
        (
            "https://sv.wikipedia.org/wiki/Lek_(barn), sa hon",
            "https://sv.wikipedia.org/wiki/Lek_(barn)",
        ),
        ("HTTPS://EXEMPEL.SE?q=1&r=2!", "HTTPS://EXEMPEL.SE?q=1&amp;r=2"),
        ("”https://exempel.se/läsa”", "https://exempel.se/läsa"),
        ("rad ett\nhttps://exempel.se\nrad tre", "https://exempel.se"),
    ],
)
def test_where_an_address_ends(text, address):
    assert f'href="{address}"' in str(linked_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "JaVaScRiPt://%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://exempel.se/fil",
        "https://",
        "http:///bara-en-sökväg",
        "www.exempel.se",
    ],
)
def test_only_http_and_https_addresses_with_a_host_become_links(text):
    assert "<a" not in str(linked_text(text))


def test_an_address_cannot_break_out_of_its_attribute():
    html = str(linked_text('https://exempel.se/"onmouseover="alert(1)'))
    assert html == (
        '<a href="https://exempel.se/" rel="nofollow noopener">https://exempel.se/</a>'
        "&#34;onmouseover=&#34;alert(1)"
    )
    html = str(linked_text("https://exempel.se/<img src=x onerror=alert(1)>"))
    assert "<img" not in html and "&lt;img" in html


def test_an_address_with_markup_characters_is_escaped_in_the_link():
    html = str(linked_text("https://exempel.se/?a=1&b='2'"))
    assert '<a href="https://exempel.se/?a=1&amp;b=" rel="nofollow noopener">' in html
    assert "&#39;2&#39;" in html


def test_several_addresses_and_text_between():
    html = str(linked_text("a http://x.se b https://y.se/c c"))
    assert html.count("<a ") == 2
    assert html.startswith("a <a") and " b <a" in html and html.endswith("</a> c")
