"""Feedback to an author: given, read and answered by its two parties only."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from share.feedback.models import Feedback, FeedbackKind
from share.feedback.services import (
    answer_feedback,
    give_feedback,
    revised_after_feedback,
    set_feedback_hidden,
)
from share.feedback.text import FeedbackError
from share.materials.models import MaterialRevision
from share.materials.services import MaterialDraft, unpublish_material, update_material
from share.notifications.models import Notification, NotificationKind
from share.rules import NotAllowed, NotFound


def feedback_count(db) -> int:
    return db.session.execute(select(func.count()).select_from(Feedback)).scalar_one()


def notifications(db) -> list[tuple[int, NotificationKind, str]]:
    rows = db.session.execute(
        select(Notification.recipient_id, Notification.kind, Notification.anchor).order_by(
            Notification.id
        )
    )
    return [tuple(row) for row in rows]


def test_give_read_and_answer_over_http(browser, db, material, author, colleague, sign_in_as):
    sign_in_as(colleague)
    page = f"/material/{material.id}"
    shown = browser.client.get(page).get_data(as_text=True)
    assert "Ge återkoppling" in shown and "Det här fungerade" in shown
    response = browser.post(
        f"/material/{material.id}/aterkoppling",
        {"kind": "question", "text": "Hur länge höll ni på\nmed varje figur?"},
        token_from=page,
    )
    feedback = db.session.execute(select(Feedback)).scalar_one()
    assert response.status_code == 302
    assert response.location.endswith(f"/material/{material.id}#aterkoppling-{feedback.id}")
    assert feedback.kind == FeedbackKind.QUESTION and feedback.writer_id == colleague.id
    assert feedback.text == "Hur länge höll ni på\nmed varje figur?"
    assert notifications(db) == [
        (author.id, NotificationKind.FEEDBACK_RECEIVED, f"aterkoppling-{feedback.id}")
    ]
    shown = browser.client.get(page).get_data(as_text=True)
    assert f'id="aterkoppling-{feedback.id}"' in shown and "Inte besvarat ännu." in shown

    sign_in_as(author)
    told = browser.client.get("/notiser").get_data(as_text=True)
    assert 'Kalle Kollega har gett dig återkoppling på <span lang="sv">Läsfixarna</span>.' in told
    assert f'href="/material/{material.id}#aterkoppling-{feedback.id}"' in told
    shown = browser.client.get(page).get_data(as_text=True)
    assert "Hur länge höll ni på" in shown and "från Kalle Kollega" in shown
    assert "Ge återkoppling</h3>" not in shown  # not to oneself
    assert f'for="svar-aterkoppling-{feedback.id}"' in shown
    answer = f"/material/{material.id}/aterkoppling/{feedback.id}/svar"
    response = browser.post(answer, {"text": "Ungefär en vecka per figur."}, token_from=page)
    assert response.status_code == 302
    db.session.expire_all()
    assert feedback.answer == "Ungefär en vecka per figur." and feedback.answered_at
    assert notifications(db)[-1] == (
        colleague.id, NotificationKind.FEEDBACK_ANSWERED, f"aterkoppling-{feedback.id}"
    )  # fmt: skip

    # A second answer is refused with a message, and the first stays.
    response = browser.post(answer, {"text": "Något annat."}, token_from=page)
    assert response.status_code == 302
    shown = browser.client.get(response.location).get_data(as_text=True)
    assert "Du har redan svarat på det här meddelandet." in shown
    db.session.expire_all()
    assert feedback.answer == "Ungefär en vecka per figur."

    sign_in_as(colleague)
    shown = browser.client.get(page).get_data(as_text=True)
    assert "Svar från Anna Författare" in shown and "Ungefär en vecka per figur." in shown
    # The writer may read their message but not answer it.
    assert browser.client.get(answer).status_code == 403


def test_the_author_cannot_give_themselves_feedback(browser, db, material, author, sign_in_as):
    with pytest.raises(NotAllowed):
        give_feedback(material, author, "worked", "Bra gjort av mig.")
    sign_in_as(author)
    path = f"/material/{material.id}/aterkoppling"
    assert browser.client.get(path).status_code == 403
    data = {"kind": "worked", "text": "Bra gjort av mig."}
    assert browser.post(path, data, token_from="/").status_code == 403
    assert feedback_count(db) == 0


def test_no_feedback_on_a_draft(db, material, author, colleague):
    unpublish_material(material, author)
    with pytest.raises(NotAllowed):
        give_feedback(material, colleague, "worked", "Fint.")


def test_only_the_author_answers(db, material, author, colleague, bystander):
    feedback = give_feedback(material, colleague, "suggestion", "Lägg till bildstöd.")
    with pytest.raises(NotAllowed):
        answer_feedback(feedback, colleague, "Jag svarar mig själv.")
    with pytest.raises(NotFound):
        answer_feedback(feedback, bystander, "Jag lägger mig i.")
    assert feedback.answered_at is None


def test_a_second_answer_is_refused_by_the_service(db, material, author, colleague):
    feedback = give_feedback(material, colleague, "question", "Vilken årskurs?")
    answer_feedback(feedback, author, "Åk 4.")
    with pytest.raises(FeedbackError, match="redan svarat|already answered"):
        answer_feedback(feedback, author, "Åk 5.")
    assert feedback.answer == "Åk 4."


def test_the_page_shows_feedback_only_to_its_two_parties(
    browser, db, material, author, colleague, bystander, admin, sign_in_as
):
    feedback = give_feedback(material, colleague, "worked", "Hemligt beröm till Anna.")
    db.session.commit()
    page = f"/material/{material.id}"
    for outsider in (bystander, admin):
        sign_in_as(outsider)
        shown = browser.client.get(page).get_data(as_text=True)
        assert "Hemligt beröm" not in shown, outsider.name
        assert f"aterkoppling-{feedback.id}" not in shown
        assert "Ge återkoppling" in shown  # they may write their own
        answer = f"{page}/aterkoppling/{feedback.id}/svar"
        assert browser.client.get(answer).status_code == 404
        assert browser.post(answer, {"text": "Svar"}, token_from=page).status_code == 404
    for party in (author, colleague):
        sign_in_as(party)
        assert "Hemligt beröm" in browser.client.get(page).get_data(as_text=True)


def test_feedback_on_another_material_is_not_found_through_this_one(
    browser, db, material, author, colleague, sign_in_as
):
    from share.materials.services import create_material

    other = create_material(
        author,
        MaterialDraft(
            kind=material.kind,
            title="Ett annat material",
            summary="Något annat.",
            licence=material.licence,
            terms={"core_process": [t.id for t in material.core_processes]},
        ),
        publish=True,
    )
    feedback = give_feedback(other, colleague, "worked", "Fint.")
    db.session.commit()
    sign_in_as(author)
    wrong = f"/material/{material.id}/aterkoppling/{feedback.id}/svar"
    assert browser.client.get(wrong).status_code == 404
    missing = f"/material/{material.id}/aterkoppling/999999/svar"
    assert browser.client.get(missing).status_code == 404


def test_hidden_feedback_is_seen_by_its_writer_only(
    browser, db, material, author, colleague, sign_in_as
):
    feedback = give_feedback(material, colleague, "worked", "Dold text.")
    set_feedback_hidden(feedback, True)
    db.session.commit()
    page = f"/material/{material.id}"
    sign_in_as(author)
    assert "Dold text." not in browser.client.get(page).get_data(as_text=True)
    answer = f"{page}/aterkoppling/{feedback.id}/svar"
    assert browser.client.get(answer).status_code == 404
    sign_in_as(colleague)
    shown = browser.client.get(page).get_data(as_text=True)
    assert "Dold text." in shown and "Dold av en moderator" in shown
    set_feedback_hidden(feedback, False)
    db.session.commit()
    sign_in_as(author)
    assert "Dold text." in browser.client.get(page).get_data(as_text=True)


def draft_of(material, title: str) -> MaterialDraft:
    return MaterialDraft(
        kind=material.kind,
        title=title,
        summary=material.summary,
        licence=material.licence,
        terms={"core_process": [t.id for t in material.core_processes]},
    )


def backdate_revisions(db, material, days: int) -> None:
    for revision in material.revisions:
        revision.created_at -= timedelta(days=days)
    db.session.flush()


def test_history_notes_a_revision_after_feedback(
    browser, db, material, author, colleague, bystander, make_user, sign_in_as
):
    backdate_revisions(db, material, 10)
    give_feedback(material, colleague, "suggestion", "Bildstöd?")
    give_feedback(material, colleague, "question", "Och en fråga.")
    give_feedback(material, bystander, "worked", "Bra.")
    hidden = give_feedback(material, make_user(), "worked", "Dold.")
    set_feedback_hidden(hidden, True)
    update_material(material, author, draft_of(material, "Läsfixarna 2"))
    db.session.flush()
    # The next save counts only the feedback given since the one before it.
    give_feedback(material, make_user(), "worked", "Senare.")
    update_material(material, author, draft_of(material, "Läsfixarna 3"))
    db.session.commit()
    first, second, third = material.revisions
    assert revised_after_feedback(material) == {second.id: 2, third.id: 1}

    sign_in_as(author)
    shown = browser.client.get(f"/material/{material.id}/historik").get_data(as_text=True)
    assert "Reviderad efter återkoppling från 2 kollegor" in shown
    assert "Reviderad efter återkoppling från 1 kollega<" in shown


def test_a_save_by_someone_else_is_not_a_revision_after_feedback(
    db, material, author, colleague, make_user
):
    from share.auth.models import Role

    backdate_revisions(db, material, 10)
    give_feedback(material, colleague, "suggestion", "Bildstöd?")
    editor = make_user(role=Role.EDITOR)
    update_material(material, editor, draft_of(material, "Redaktörens ändring"))
    db.session.commit()
    assert revised_after_feedback(material) == {}
    revisions = db.session.execute(
        select(func.count()).where(MaterialRevision.material_id == material.id)
    ).scalar_one()
    assert revisions == 2


def test_two_answers_at_once_keep_one_and_refuse_the_other(app, db, material, author, colleague):
    import threading

    from share.extensions import db as database
    from share.feedback.models import Feedback as Message

    feedback_id = give_feedback(material, colleague, "question", "Hur?").id
    author_id = author.id
    db.session.commit()
    start = threading.Barrier(2)
    outcomes = []

    def answer(text: str) -> None:
        from share.auth.models import User

        with app.app_context():
            try:
                message = database.session.get(Message, feedback_id)
                user = database.session.get(User, author_id)
                message.material  # noqa: B018 (loaded before the race, as a view has it)
                start.wait(timeout=10)
                answer_feedback(message, user, text)
                database.session.commit()
                outcomes.append("answered")
            except FeedbackError:
                database.session.rollback()
                outcomes.append("refused")
            except Exception as error:  # noqa: BLE001 (reported below)
                outcomes.append(error)
            finally:
                database.session.remove()

    threads = [threading.Thread(target=answer, args=(text,)) for text in ("Så här.", "Så där.")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes, key=str) == ["answered", "refused"]
    db.session.expire_all()
    assert db.session.get(Feedback, feedback_id).answer in {"Så här.", "Så där."}
