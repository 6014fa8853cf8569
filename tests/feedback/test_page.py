"""The material page with feedback and comments on it: valid structure for every viewer."""

from collections import Counter
from html.parser import HTMLParser

from share.feedback.comments import delete_comment, post_comment
from share.feedback.services import answer_feedback, give_feedback


class Outline(HTMLParser):
    """The ids, heading levels, labelled controls and forms of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter = Counter()
        self.headings: list[int] = []
        self.labels: set[str] = set()
        self.controls: list[str] = []
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids[attributes["id"]] += 1
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        if tag == "label" and "for" in attributes:
            self.labels.add(attributes["for"])
        if tag in {"textarea", "select"} or (
            tag == "input" and attributes.get("type") not in {"hidden", "submit"}
        ):
            self.controls.append(attributes.get("id", ""))
        if tag == "form":
            self.forms.append({"method": attributes.get("method", "get"), "csrf": False})
        if tag == "input" and attributes.get("name") == "csrf_token" and self.forms:
            self.forms[-1]["csrf"] = True


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def test_the_page_is_well_formed_for_author_writer_and_bystander(
    browser, db, material, author, colleague, bystander, sign_in_as
):
    answered = give_feedback(material, colleague, "worked", "Det gick bra.")
    answer_feedback(answered, author, "Tack!")
    give_feedback(material, colleague, "question", "En fråga till?")
    top = post_comment(material, colleague, "En kommentar.")
    post_comment(material, author, "Ett svar.", reply_to=top)
    gone = post_comment(material, bystander, "Tas bort.")
    post_comment(material, colleague, "Svar på det borttagna.", reply_to=gone)
    delete_comment(gone, bystander)
    db.session.commit()
    for viewer in (author, colleague, bystander):
        sign_in_as(viewer)
        html = browser.client.get(f"/material/{material.id}").get_data(as_text=True)
        page = outline(html)
        assert [i for i, n in page.ids.items() if n > 1] == [], viewer.name
        assert page.headings[0] == 1 and page.headings.count(1) == 1
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, (viewer.name, page.headings)
        assert all(control and control in page.labels for control in page.controls)
        assert all(form["csrf"] for form in page.forms if form["method"] == "post")
        assert "Kommentaren är borttagen" in html and "Svar på det borttagna." in html
        assert f'id="kommentar-{top.id}"' in html
