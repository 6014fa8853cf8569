"""Every page a visitor can reach by following links, signed out and in each demo role,
passes axe and the layout rules, and its HTML as served goes to the Nu HTML Checker (see
`axe_check` in conftest.py).

A crawl from the start page follows the site's own links (GET only, as a visitor does) and
checks one page per kind: per view, and per view with a query string, so one material page
per role rather than every material. A material with everything on it (a file with a
thumbnail, Markdown headings, a try report, feedback and an answer, a comment and a reply, a
variant, a report to the moderators) is made first, and the crawl starts on its page.
"""

import io
import uuid
from urllib.parse import urldefrag, urlsplit

import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from share.auth.models import User
from share.extensions import db
from share.feedback.comments import post_comment
from share.feedback.models import FeedbackKind
from share.feedback.services import answer_feedback, give_feedback
from share.materials.models import Licence, MaterialKind
from share.materials.services import MaterialDraft, Upload, create_material
from share.moderation.kinds import COMMENT
from share.moderation.services import flag
from share.tries.models import Basis, Outcome
from share.tries.services import ReportDraft, save_report
from share.variants.services import make_variant, variant_types
from share.vocabularies.registry import by_key

ADMIN = "admin@kommun.example"
EDITOR = "rektor@kommun.example"
AUTHOR = "larare@kommun.example"  # Anna Lindqvist
COLLEAGUE = "forskollarare@kommun.example"  # Sara Ek
ACCOUNTS = {"teacher": COLLEAGUE, "author": AUTHOR, "editor": EDITOR, "admin": ADMIN}
BODY = """Läraren läser högt och stannar vid varje nytt ord.

## Så gör du

1. Läs en sida högt.
2. Låt eleverna **förutspå** vad som händer.

### Efteråt

Samtala om orden, se [Skolverket](https://www.skolverket.se).
"""
#: Views whose answers are not pages (files, JSON) or that leave the site.
NOT_PAGES = {
    "static",
    "materials.download",
    "materials.thumbnail",
    "materials.tag_suggestions",
    "search.suggestions",
    "search.search_api",
    "api.material",
}


def _image() -> Upload:
    picture = io.BytesIO()
    Image.new("RGB", (640, 400), (40, 120, 90)).save(picture, "PNG")
    picture.seek(0)
    return Upload(picture, "bokomslag.png")


@pytest.fixture(scope="module")
def material_with_everything(live_server) -> int:
    """Anna's published method with everything a material page can show; returns its id."""
    with live_server.app.app_context():
        users = {
            user.email: user
            for user in db.session.execute(
                select(User).where(User.email.in_([ADMIN, EDITOR, AUTHOR, COLLEAGUE]))
            ).scalars()
        }
        author, colleague = users[AUTHOR], users[COLLEAGUE]
        material = create_material(
            author,
            MaterialDraft(
                kind=MaterialKind.METHOD,
                title=f"Högläsning med ordpaus {uuid.uuid4().hex[:6]}",
                summary="Eleverna lär sig nya ord medan läraren läser högt.",
                licence=Licence.CC_BY,
                body=BODY,
                research_basis="Bygger på forskning om ordförråd och högläsning.",
                terms={
                    "core_process": [by_key("core_process").terms()[0].id],
                    "school_form": [by_key("school_form").terms()[0].id],
                },
                tags=["högläsning", "ordförråd"],
            ),
            publish=True,
            uploads=[_image()],
        )
        save_report(
            material,
            colleague,
            ReportDraft(
                school_form_id=by_key("school_form").terms()[0].id,
                group_description="åk 2, 22 elever",
                tried_year=2026,
                tried_month=3,
                outcome=Outcome.WELL,
                bases=[Basis.OBSERVATION],
                reflection="Eleverna frågade själva efter orden.",
            ),
        )
        feedback = give_feedback(material, colleague, FeedbackKind.QUESTION, "Hur många ord?")
        answer_feedback(feedback, author, "Tre till fem ord per sida.")
        comment = post_comment(material, colleague, "Fungerade fint i förskoleklass.")
        post_comment(material, author, "Vad roligt att höra!", reply_to=comment)
        flag(COMMENT, comment, users[EDITOR], "Kommentaren verkar fel placerad.")
        make_variant(material, colleague, variant_types()[0].id)
        db.session.commit()
        material_id = material.id
        db.session.remove()
    return material_id


def page_kind(live_server, url: str) -> tuple[str, bool] | None:
    """What kind of page a link leads to: its view and whether it has a query string; None
    for a link that leaves the site or leads to something that is not a page."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != live_server.url:
        return None
    adapter = live_server.app.url_map.bind("127.0.0.1")
    try:
        endpoint, _arguments = adapter.match(parts.path, method="GET")
    except HTTPException:  # a redirect or a 404: crawled, and found out there
        endpoint = parts.path
    if endpoint in NOT_PAGES:
        return None
    return endpoint, bool(parts.query)


def crawl(page, live_server, axe_check, starts: list[str], also=None) -> list[str]:
    """Check one page of each kind reachable from `starts` by links, and call `also(page)`
    on each; returns their URLs.

    Besides `axe_check`: every page answers 200, and so does everything it loads (the
    favicon too)."""
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else 0)
    queue = [live_server.url + start for start in starts]
    kinds, checked = set(), []
    while queue:
        url = queue.pop(0)
        kind = page_kind(live_server, url)
        if kind is None or kind in kinds:
            continue
        kinds.add(kind)
        response = page.goto(url)
        assert response.status == 200, f"{url} answered {response.status}"
        axe_check(page)
        if also:
            also(page)
        assert not failed, f"{url} or the page before it loaded {failed}"
        checked.append(url)
        links = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
        queue += [urldefrag(link).url for link in links]
    return checked


@pytest.mark.parametrize("role", [None, "teacher", "author", "editor", "admin"])
def test_every_kind_of_page_in_every_role(
    page, live_server, sign_in_as, axe_check, served_html, material_with_everything, role
):
    if served_html.missing:
        pytest.skip(f"no HTML checker: {served_html.missing}")
    if role:
        sign_in_as(ACCOUNTS[role])
    material = f"/material/{material_with_everything}"
    starts = ["/", "/logga-in", "/registrera"] if role is None else [material, "/"]
    checked = crawl(page, live_server, axe_check, starts)
    assert len(checked) > (2 if role is None else 10), checked


#: Swedish content of the material made above and of the demo data, as it appears in text.
SWEDISH = [
    "Högläsning med ordpaus",
    "Eleverna lär sig nya ord",
    "Så gör du",
    "Eleverna frågade själva",
    "Hur många ord?",
    "Tre till fem ord",
    "Fungerade fint",
    "Vad roligt att höra",
    "högläsning",
    "Skolområde Norr",
    "Björkängsskolan",
    "Västerslättsskolan",
]


@pytest.mark.parametrize("role", ["author", "admin"])
def test_swedish_content_is_marked_swedish_on_english_pages(
    page, live_server, sign_in_as, axe_check, material_with_everything, role
):
    """A screen reader reads an English page in English and the material's words, names
    of areas and units, comments, feedback and reports in Swedish."""
    sign_in_as(ACCOUNTS[role])
    to_english(page)
    unmarked = []

    def find_unmarked(page) -> None:
        unmarked.extend(f"{page.url}: {text}" for text in page.evaluate(UNMARKED, SWEDISH))

    crawl(page, live_server, axe_check, [f"/material/{material_with_everything}", "/"],
          also=find_unmarked)  # fmt: skip
    assert not unmarked, "\n".join(unmarked)


def to_english(page) -> None:
    page.goto("/")
    with page.expect_navigation():
        page.get_by_role("button", name="In English").click()


def test_a_school_name_hyphenates_in_swedish_on_a_narrow_english_page(page, sign_in_as):
    """At 320 pixels "Västerslättsskolan" is broken where Swedish allows, with a hyphen,
    where the browser knows Swedish hyphenation; not mid-syllable as an English word."""
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in_as(ADMIN)
    to_english(page)
    page.goto("/admin/enheter")
    name = page.get_by_role("link", name="Västerslättsskolan", exact=True)
    assert name.evaluate(
        "link => [getComputedStyle(link).hyphens, link.closest('[lang]').lang]"
    ) == ["auto", "sv"]


#: The text nodes holding any of the strings given whose language is not Swedish; form
#: fields' contents (options, text areas) are left out: a screen reader reads them as values.
UNMARKED = """texts => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const unmarked = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!texts.some(text => node.textContent.includes(text))
            || element.closest("option, textarea, script")) continue;
        const lang = element.closest("[lang]").lang;
        if (lang !== "sv") unmarked.push(`<${element.localName}> ${node.textContent.trim()}`);
    }
    return unmarked;
}"""
