"""Comments: public to whoever sees the material, one level of replies, edited and
deleted by their writers only."""

import re

import pytest
from sqlalchemy import func, select

from share.feedback.comments import (
    comment_threads,
    delete_comment,
    edit_comment,
    post_comment,
    set_comment_hidden,
)
from share.feedback.models import Comment
from share.materials.services import unpublish_material
from share.notifications.models import Notification, NotificationKind
from share.paging import PER_PAGE
from share.rules import NotAllowed, NotFound


def comment_count(db) -> int:
    return db.session.execute(select(func.count()).select_from(Comment)).scalar_one()


def told(db) -> list[tuple[int, NotificationKind, str]]:
    rows = db.session.execute(
        select(Notification.recipient_id, Notification.kind, Notification.anchor).order_by(
            Notification.id
        )
    )
    return [tuple(row) for row in rows]


def test_comment_and_reply_over_http(browser, db, material, author, colleague, sign_in_as):
    sign_in_as(colleague)
    page = f"/material/{material.id}"
    assert "Inga kommentarer ännu." in browser.client.get(page).get_data(as_text=True)
    response = browser.post(
        f"{page}/kommentarer", {"text": "Läs mer på https://exempel.se/las."}, token_from=page
    )
    comment = db.session.execute(select(Comment)).scalar_one()
    assert response.status_code == 302
    assert response.location.endswith(f"{page}#kommentar-{comment.id}")
    assert told(db) == [(author.id, NotificationKind.COMMENT_POSTED, f"kommentar-{comment.id}")]

    sign_in_as(author)
    shown = browser.client.get(page).get_data(as_text=True)
    assert (
        '<a href="https://exempel.se/las" rel="nofollow noopener">https://exempel.se/las</a>.'
        in shown
    )
    response = browser.post(
        f"{page}/kommentarer/{comment.id}/svar", {"text": "Tack för tipset!"}, token_from=page
    )
    assert response.status_code == 302
    reply = db.session.execute(select(Comment).where(Comment.parent_id.is_not(None))).scalar_one()
    assert reply.parent_id == comment.id
    # The writer replied to is told; the author wrote the reply, so is not told of it.
    assert told(db)[1:] == [
        (colleague.id, NotificationKind.COMMENT_REPLIED, f"kommentar-{reply.id}")
    ]
    shown = browser.client.get(page).get_data(as_text=True)
    assert f'id="kommentar-{reply.id}"' in shown and "Tack för tipset!" in shown
    assert shown.index("Läs mer på") < shown.index("Tack för tipset!")


def test_a_reply_to_a_reply_joins_the_thread_and_tells_both(
    db, material, author, colleague, bystander
):
    top = post_comment(material, colleague, "Första.")
    reply = post_comment(material, author, "Svar.", reply_to=top)
    again = post_comment(material, bystander, "Svar på svaret.", reply_to=reply)
    assert again.parent_id == top.id
    # The author is told as the writer replied to, once; the top's writer is not.
    assert told(db)[-1:] == [
        (author.id, NotificationKind.COMMENT_REPLIED, f"kommentar-{again.id}"),
    ]
    other = post_comment(material, author, "Ett svar till.", reply_to=top)
    fourth = post_comment(material, bystander, "Till Kalle.", reply_to=top)
    assert told(db)[-2:] == [
        (colleague.id, NotificationKind.COMMENT_REPLIED, f"kommentar-{fourth.id}"),
        (author.id, NotificationKind.COMMENT_POSTED, f"kommentar-{fourth.id}"),
    ]
    assert other.parent_id == top.id


def test_only_the_writer_edits_and_deletes(
    browser, db, material, author, colleague, bystander, sign_in_as
):
    comment = post_comment(material, colleague, "Originalet.")
    db.session.commit()
    page = f"/material/{material.id}"
    edit = f"{page}/kommentarer/{comment.id}/redigera"
    delete = f"{page}/kommentarer/{comment.id}/ta-bort"
    for other in (author, bystander):
        sign_in_as(other)
        shown = browser.client.get(page).get_data(as_text=True)
        assert "Originalet." in shown and edit not in shown
        assert browser.client.get(edit).status_code == 404
        assert browser.post(edit, {"text": "Kapat"}, token_from=page).status_code == 404
        assert browser.post(delete, {}, token_from=page).status_code == 404
    with pytest.raises(NotFound):
        edit_comment(comment, author, "Kapat")
    with pytest.raises(NotFound):
        delete_comment(comment, bystander)
    db.session.rollback()
    db.session.expire_all()
    assert comment.text == "Originalet." and comment.edited_at is None

    sign_in_as(colleague)
    assert "Originalet." in browser.client.get(edit).get_data(as_text=True)
    response = browser.post(edit, {"text": "Ändrad text."}, token_from=edit)
    assert response.status_code == 302
    shown = browser.client.get(page).get_data(as_text=True)
    assert "Ändrad text." in shown and "redigerad" in shown
    assert browser.post(delete, {}, token_from=page).status_code == 302
    assert comment_count(db) == 0
    assert "Ändrad text." not in browser.client.get(page).get_data(as_text=True)


def test_saving_the_same_text_is_not_an_edit(db, material, colleague):
    comment = post_comment(material, colleague, "Samma.")
    edit_comment(comment, colleague, "  Samma.  ")
    assert comment.edited_at is None


def test_a_deleted_comment_with_replies_keeps_its_place(
    browser, db, material, author, colleague, bystander, sign_in_as
):
    top = post_comment(material, colleague, "Det här tas bort.")
    reply = post_comment(material, author, "Svaret står kvar.", reply_to=top)
    db.session.commit()
    sign_in_as(colleague)
    browser.post(f"/material/{material.id}/kommentarer/{top.id}/ta-bort", {}, token_from="/")
    db.session.expire_all()
    assert top.deleted and top.text == ""
    sign_in_as(bystander)
    shown = browser.client.get(f"/material/{material.id}").get_data(as_text=True)
    assert "Kommentaren är borttagen" in shown and "Svaret står kvar." in shown
    assert "Det här tas bort." not in shown
    # A deleted comment cannot be edited, deleted again or replied to directly...
    with pytest.raises(NotFound):
        edit_comment(top, colleague, "Tillbaka")
    # ...but its thread goes on, and it goes for good with its last reply.
    later = post_comment(material, bystander, "Jag med.", reply_to=reply)
    assert later.parent_id == top.id
    delete_comment(reply, author)
    assert comment_count(db) == 2
    delete_comment(later, bystander)
    db.session.commit()
    assert comment_count(db) == 0


def test_hidden_comments_show_only_to_their_writer(
    browser, db, material, author, colleague, bystander, sign_in_as
):
    top = post_comment(material, colleague, "Olämpligt.")
    post_comment(material, author, "Ett svar.", reply_to=top)
    alone = post_comment(material, bystander, "Också dold.")
    set_comment_hidden(top, True)
    set_comment_hidden(alone, True)
    db.session.commit()
    page = f"/material/{material.id}"
    sign_in_as(author)
    shown = browser.client.get(page).get_data(as_text=True)
    assert "Olämpligt." not in shown and "Också dold." not in shown
    assert "Kommentaren är dold av en moderator" in shown and "Ett svar." in shown
    assert browser.client.get(f"{page}/kommentarer/{top.id}/svar").status_code == 404
    sign_in_as(colleague)
    shown = browser.client.get(page).get_data(as_text=True)
    assert "Olämpligt." in shown and "Dold av en moderator" in shown
    assert "Också dold." not in shown


def test_comments_are_paged_by_thread_oldest_first(db, material, author, colleague):
    first = post_comment(material, colleague, "Nummer 0")
    for number in range(1, PER_PAGE + 1):
        post_comment(material, colleague, f"Nummer {number}")
    post_comment(material, author, "Svar på nummer 0", reply_to=first)
    page, threads = comment_threads(material, author, page=1)
    assert page.pages == 2 and len(threads) == PER_PAGE
    assert threads[0].comment == first and [r.text for r in threads[0].replies] == [
        "Svar på nummer 0"
    ]
    _, rest = comment_threads(material, author, page=2)
    assert [t.comment.text for t in rest] == [f"Nummer {PER_PAGE}"]


def test_the_last_page_of_comments_is_linked_and_a_new_comment_lands_on_it(
    browser, db, material, colleague, sign_in_as
):
    for number in range(PER_PAGE):
        post_comment(material, colleague, f"Nummer {number}")
    db.session.commit()
    sign_in_as(colleague)
    page = f"/material/{material.id}"
    shown = browser.client.get(page).get_data(as_text=True)
    assert "kommentarsida=2" not in shown
    response = browser.post(f"{page}/kommentarer", {"text": "Sist"}, token_from=page)
    assert re.search(r"kommentarsida=2#kommentar-\d+$", response.location)
    shown = browser.client.get(page).get_data(as_text=True)
    assert "kommentarsida=2" in shown and "Sist" not in shown
    assert "Sist" in browser.client.get(f"{page}?kommentarsida=2").get_data(as_text=True)


def test_comments_only_on_a_published_material(
    browser, db, material, author, colleague, sign_in_as
):
    post_comment(material, colleague, "Innan.")
    unpublish_material(material, author)
    with pytest.raises(NotAllowed):
        post_comment(material, author, "På mitt utkast.")
    db.session.commit()
    sign_in_as(colleague)  # a draft is nobody else's business
    path = f"/material/{material.id}/kommentarer"
    assert browser.client.get(path).status_code == 404
    assert browser.post(path, {"text": "Hej"}, token_from="/").status_code == 404
    assert comment_count(db) == 1


def test_no_reply_to_what_the_writer_cannot_see(db, material, author, colleague, bystander):
    hidden = post_comment(material, colleague, "Dold.")
    set_comment_hidden(hidden, True)
    with pytest.raises(NotFound):
        post_comment(material, bystander, "Svar.", reply_to=hidden)
    own = post_comment(material, colleague, "Kvar.", reply_to=hidden)
    assert own.parent_id == hidden.id  # its writer still sees it
    gone = post_comment(material, author, "Borta.")
    delete_comment(gone, author)
    with pytest.raises(NotFound):
        post_comment(material, bystander, "Svar.", reply_to=gone)


def test_a_reply_and_the_deletion_of_its_comment_at_once_leave_no_orphan(
    app, db, material, author, colleague
):
    import threading

    from share.auth.models import User
    from share.extensions import db as database
    from share.feedback.comments import comment_of

    top_id = post_comment(material, colleague, "Snart borta.").id
    ids = {"material": material.id, "writer": colleague.id, "replier": author.id}
    db.session.commit()
    start = threading.Barrier(2)
    outcomes = []

    def act(deleting: bool) -> None:
        with app.app_context():
            try:
                from share.materials.models import Material

                found = database.session.get(Material, ids["material"])
                user = database.session.get(User, ids["writer" if deleting else "replier"])
                top = comment_of(found, top_id, user)
                start.wait(timeout=10)
                if deleting:
                    delete_comment(top, user)
                else:
                    post_comment(found, user, "Ett svar.", reply_to=top)
                database.session.commit()
                outcomes.append("deleted" if deleting else "replied")
            except NotFound:
                database.session.rollback()
                outcomes.append("not found")
            except Exception as error:  # noqa: BLE001 (reported below)
                outcomes.append(error)
            finally:
                database.session.remove()

    threads = [threading.Thread(target=act, args=(deleting,)) for deleting in (True, False)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    db.session.expire_all()
    rows = db.session.execute(select(Comment).order_by(Comment.id)).scalars().all()
    if sorted(outcomes) == ["deleted", "not found"]:
        assert rows == []
    else:
        assert sorted(outcomes) == ["deleted", "replied"]
        top, reply = rows
        assert top.deleted and reply.parent_id == top.id
