"""Bad input and reaching past one's rights: a message in Swedish and nothing saved, inert
markup, 404 for what is someone else's, and no change without a CSRF token."""

import pytest
from sqlalchemy import func, select

from share.feedback.comments import post_comment
from share.feedback.models import Comment, Feedback
from share.feedback.services import give_feedback
from share.feedback.text import MAX_TEXT
from share.materials.models import Licence, MaterialKind
from share.materials.services import MaterialDraft, create_material, remove_material

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'><a href="javascript:alert(1)">'


def rows(db, model) -> int:
    return db.session.execute(select(func.count()).select_from(model)).scalar_one()


def assert_inert(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(" in html


def test_markup_in_every_text_field_renders_inert(
    browser, db, author, colleague, make_user, sign_in_as
):
    writer = make_user(name=XSS)
    process = db.session.execute(
        select(__import__("share.vocabularies.models").vocabularies.models.CoreProcess).limit(1)
    ).scalar_one()
    material = create_material(
        author,
        MaterialDraft(
            kind=MaterialKind.METHOD,
            title=XSS[:200],
            summary="Sammanfattning.",
            licence=Licence.CC_BY,
            terms={"core_process": [process.id]},
        ),
        publish=True,
    )
    db.session.commit()
    page = f"/material/{material.id}"
    sign_in_as(writer)
    assert_inert(browser.client.get(f"{page}/aterkoppling").get_data(as_text=True))
    assert_inert(browser.client.get(f"{page}/kommentarer").get_data(as_text=True))
    browser.post(f"{page}/aterkoppling", {"kind": "worked", "text": XSS}, token_from=page)
    browser.post(f"{page}/kommentarer", {"text": XSS + " https://x.se/" + XSS}, token_from=page)
    comment = db.session.execute(select(Comment)).scalar_one()
    feedback = db.session.execute(select(Feedback)).scalar_one()
    edit = f"{page}/kommentarer/{comment.id}/redigera"
    assert_inert(browser.client.get(edit).get_data(as_text=True))
    browser.post(edit, {"text": "Ändrad " + XSS}, token_from=edit)
    assert_inert(browser.client.get(page).get_data(as_text=True))

    sign_in_as(author)
    answer = f"{page}/aterkoppling/{feedback.id}/svar"
    assert_inert(browser.client.get(answer).get_data(as_text=True))
    assert_inert(browser.client.get(f"{page}/kommentarer/{comment.id}/svar").get_data(as_text=True))
    browser.post(answer, {"text": XSS}, token_from=page)
    reply = f"{page}/kommentarer/{comment.id}/svar"
    assert browser.post(reply, {"text": XSS}, token_from=page).status_code == 302
    html = browser.client.get(page).get_data(as_text=True)
    assert_inert(html)
    assert html.count("&lt;script&gt;alert(") >= 4  # title, feedback, answer, comment, reply
    assert rows(db, Comment) == 2
    assert_inert(browser.client.get("/notiser").get_data(as_text=True))
    sign_in_as(writer)
    assert_inert(browser.client.get(page).get_data(as_text=True))


@pytest.fixture
def refused(browser, db):
    """`refused(path, data, message)`: the post comes back with `message` and saves
    nothing of feedback or comments."""

    def check(path: str, data: dict, message: str) -> None:
        before = (rows(db, Feedback), rows(db, Comment))
        response = browser.post(path, data, token_from=path)
        assert response.status_code == 200, (path, data)
        assert message in response.get_data(as_text=True), (path, data)
        db.session.expire_all()
        assert (rows(db, Feedback), rows(db, Comment)) == before

    return check


TOO_LONG = "x" * (MAX_TEXT + 1)
AT_MOST = f"Högst {MAX_TEXT:,} tecken.".replace(",", "\N{NO-BREAK SPACE}")  # "5 000"


def test_empty_or_too_long_feedback_is_refused(db, material, colleague, sign_in_as, refused):
    sign_in_as(colleague)
    give = f"/material/{material.id}/aterkoppling"
    refused(give, {"kind": "worked", "text": ""}, "Skriv ditt meddelande till författaren.")
    refused(give, {"kind": "worked", "text": " \r\n \t"}, "Skriv ditt meddelande till författaren.")
    refused(give, {"kind": "worked", "text": TOO_LONG}, AT_MOST)
    refused(give, {"text": "Bra."}, "Välj vilken sorts återkoppling det är.")
    refused(give, {"kind": "praise", "text": "Bra."}, "Formuläret har fel")


def test_a_long_text_with_windows_line_ends_counts_each_as_one(db, material, colleague):
    text = "a\r\n" * (MAX_TEXT // 2)  # 5,000 characters once the line ends are one each
    feedback = give_feedback(material, colleague, "worked", text)
    assert len(feedback.text) == MAX_TEXT - 1  # the last line end is stripped


def test_empty_or_too_long_answers_and_comments_are_refused(
    db, material, author, colleague, sign_in_as, refused
):
    feedback = give_feedback(material, colleague, "question", "En fråga?")
    comment = post_comment(material, colleague, "En kommentar.")
    db.session.commit()
    sign_in_as(author)
    page = f"/material/{material.id}"
    answer = f"{page}/aterkoppling/{feedback.id}/svar"
    refused(answer, {"text": "   "}, "Skriv ditt svar.")
    refused(answer, {"text": TOO_LONG}, AT_MOST)
    db.session.expire_all()
    assert feedback.answered_at is None
    for path in (f"{page}/kommentarer", f"{page}/kommentarer/{comment.id}/svar"):
        refused(path, {"text": ""}, "Skriv din kommentar.")
        refused(path, {"text": "\n\n"}, "Skriv din kommentar.")
        refused(path, {"text": TOO_LONG}, AT_MOST)
    sign_in_as(colleague)
    edit = f"{page}/kommentarer/{comment.id}/redigera"
    refused(edit, {"text": " "}, "Skriv din kommentar.")
    refused(edit, {"text": TOO_LONG}, AT_MOST)
    db.session.expire_all()
    assert comment.text == "En kommentar." and comment.edited_at is None


def test_nothing_changes_without_a_csrf_token(browser, db, material, author, colleague, sign_in_as):
    feedback = give_feedback(material, colleague, "question", "En fråga?")
    comment = post_comment(material, colleague, "En kommentar.")
    db.session.commit()
    page = f"/material/{material.id}"
    sign_in_as(colleague)
    for path, data in [
        (f"{page}/aterkoppling", {"kind": "worked", "text": "Bra."}),
        (f"{page}/kommentarer", {"text": "Hej"}),
        (f"{page}/kommentarer/{comment.id}/svar", {"text": "Hej"}),
        (f"{page}/kommentarer/{comment.id}/redigera", {"text": "Hej"}),
        (f"{page}/kommentarer/{comment.id}/ta-bort", {}),
    ]:
        assert browser.client.post(path, data=data).status_code == 400, path
        bad = browser.client.post(path, data={**data, "csrf_token": "not-a-token"})
        assert bad.status_code == 400, path
    assert browser.client.get(f"{page}/kommentarer/{comment.id}/ta-bort").status_code == 405
    sign_in_as(author)
    answer = f"{page}/aterkoppling/{feedback.id}/svar"
    assert browser.client.post(answer, data={"text": "Svar"}).status_code == 400
    db.session.expire_all()
    assert rows(db, Feedback) == 1 and rows(db, Comment) == 1
    assert feedback.answered_at is None and comment.text == "En kommentar."


def test_a_material_the_user_cannot_see_is_404(
    browser, db, material, author, colleague, sign_in_as
):
    comment = post_comment(material, colleague, "Innan.")
    feedback = give_feedback(material, colleague, "worked", "Bra.")
    remove_material(material, author)
    db.session.commit()
    sign_in_as(colleague)
    page = f"/material/{material.id}"
    for path, data in [
        (f"{page}/kommentarer", {"text": "Hej"}),
        (f"{page}/kommentarer/{comment.id}/svar", {"text": "Hej"}),
        (f"{page}/kommentarer/{comment.id}/redigera", {"text": "Hej"}),
        (f"{page}/aterkoppling", {"kind": "worked", "text": "Bra."}),
    ]:
        assert browser.client.get(path).status_code == 404, path
        assert browser.post(path, data, token_from="/").status_code == 404, path
    delete = f"{page}/kommentarer/{comment.id}/ta-bort"
    assert browser.post(delete, {}, token_from="/").status_code == 404
    assert browser.client.get("/material/999999/kommentarer").status_code == 404
    sign_in_as(author)  # the author of a removed material sees it no more either
    answer = f"{page}/aterkoppling/{feedback.id}/svar"
    assert browser.post(answer, {"text": "Svar"}, token_from="/").status_code == 404
    db.session.expire_all()
    assert rows(db, Comment) == 1 and comment.text == "Innan." and feedback.answered_at is None


def test_ids_of_other_materials_or_none_at_all_are_404(
    browser, db, material, author, colleague, sign_in_as
):
    other = create_material(
        author,
        MaterialDraft(
            kind=MaterialKind.METHOD,
            title="Ett annat",
            summary="Annat.",
            licence=Licence.CC_BY,
            terms={"core_process": [t.id for t in material.core_processes]},
        ),
        publish=True,
    )
    elsewhere = post_comment(other, colleague, "På det andra.")
    db.session.commit()
    sign_in_as(colleague)
    page = f"/material/{material.id}"
    for comment_id in (elsewhere.id, 999_999, 2**31 - 1):
        for action in ("svar", "redigera"):
            path = f"{page}/kommentarer/{comment_id}/{action}"
            assert browser.client.get(path).status_code == 404, path
        delete = f"{page}/kommentarer/{comment_id}/ta-bort"
        assert browser.post(delete, {}, token_from="/").status_code == 404
    assert browser.client.get(f"{page}/kommentarer/{2**31}/svar").status_code == 404
    assert rows(db, Comment) == 1
