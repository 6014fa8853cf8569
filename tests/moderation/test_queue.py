"""The moderator's queue: an editor settles the reports about their area's materials, an
admin everyone's; the writer is told; every act is in the audit log."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from share.audit import AuditEvent
from share.auth.models import User
from share.database import utcnow
from share.materials.models import EvidenceLevel, Material, MaterialStatus
from share.moderation import services
from share.moderation.models import Flag, Resolution
from share.notifications.models import Notification, NotificationKind
from share.tries.models import TryReport
from tests.support.database import count, waited_for_this_transaction


@pytest.fixture
def reported(town, client_for):
    """Factory: reported(kind, thing_id, by=town.reporter) sends a report."""

    def report(kind: str, thing_id: int, by=None, reason: str = "Namn på en elev.") -> None:
        page = f"/anmal/{kind}/{thing_id}"
        response = client_for(by or town.reporter).post(page, {"reason": reason}, token_from=page)
        assert response.status_code == 302

    return report


def audit(db) -> list[tuple[str, int | None, str, int | None, str]]:
    db.session.expire_all()
    rows = db.session.execute(
        select(
            AuditEvent.action,
            AuditEvent.actor_id,
            AuditEvent.object_type,
            AuditEvent.object_id,
            AuditEvent.reason,
        ).order_by(AuditEvent.id)
    )
    return [tuple(row) for row in rows]


def notifications(db) -> list[Notification]:
    db.session.expire_all()
    return list(db.session.execute(select(Notification).order_by(Notification.id)).scalars())


def settle(browser, kind: str, thing_id: int, action: str, note: str = ""):
    page = f"/moderering/{kind}/{thing_id}"
    return browser.post(page, {"action": action, "note": note}, token_from=page)


def test_a_teacher_cannot_open_the_queue(signed_in, client):
    signed_in()
    assert client.get("/moderering").status_code == 403
    assert client.get("/moderering?visa=avgjorda").status_code == 403


def test_the_editor_of_the_area_sees_the_report_with_a_count_in_the_menu(
    town, reported, client_for
):
    reported("material", town.material.id)
    reported("material", town.material.id, by=town.colleague, reason="Upphovsrätt.")
    editor = client_for(town.editor)
    html = editor.client.get("/moderering").text
    assert f'href="/moderering/material/{town.material.id}"' in html
    assert "2 anmälningar" in html  # two reports, one thing
    assert 'class="count-badge">1<' in html
    case = editor.client.get(f"/moderering/material/{town.material.id}").text
    assert "Namn på en elev." in case and "Upphovsrätt." in case
    assert "Rut Rapportör" in case


def test_an_editor_of_another_area_can_neither_see_nor_act(town, reported, client_for, db):
    reported("material", town.material.id)
    other = client_for(town.other_editor)
    html = other.client.get("/moderering").text
    assert f"/moderering/material/{town.material.id}" not in html
    assert 'class="count-badge"' not in html
    page = f"/moderering/material/{town.material.id}"
    assert other.client.get(page).status_code == 404
    response = other.post(page, {"action": "hide", "note": "Nej."}, token_from="/moderering")
    assert response.status_code == 404
    response = other.post(page, {"action": "dismiss", "note": ""}, token_from="/moderering")
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(Material, town.material.id).status == MaterialStatus.PUBLISHED
    assert db.session.execute(select(Flag)).scalar_one().resolved_at is None
    assert audit(db) == []


def test_an_admin_sees_every_area(town, reported, client_for):
    reported("material", town.material.id)
    html = client_for(town.admin).client.get("/moderering").text
    assert f'href="/moderering/material/{town.material.id}"' in html


def test_hiding_a_try_report_drops_the_evidence_level_at_once(
    town, try_report, reported, client_for, db
):
    report = try_report(town.material, town.colleague)
    assert db.session.get(Material, town.material.id).evidence_level == EvidenceLevel.TRIED
    reported("try_report", report.id)
    editor = client_for(town.editor)
    response = settle(editor, "try_report", report.id, "hide", "Rapporten nämner en elev.")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(TryReport, report.id).hidden is True
    assert db.session.get(Material, town.material.id).evidence_level == EvidenceLevel.UNTRIED
    [flag] = db.session.execute(select(Flag)).scalars()
    assert (flag.resolution, flag.resolved_by_id) == (Resolution.HIDDEN, town.editor.id)
    assert flag.resolution_note == "Rapporten nämner en elev."
    [told] = notifications(db)[-1:]
    assert (told.recipient_id, told.kind) == (
        town.colleague.id,
        NotificationKind.HIDDEN_BY_MODERATOR,
    )
    assert (told.note, told.anchor) == ("Rapporten nämner en elev.", f"provat-{report.id}")
    assert audit(db) == [
        ("try_report.hidden", town.editor.id, "try_report", report.id, "Rapporten nämner en elev.")
    ]
    # The writer reads the note among their notifications.
    assert "Rapporten nämner en elev." in client_for(town.colleague).client.get("/notiser").text

    # Shown again from the case page, though no report is open any more.
    response = settle(editor, "try_report", report.id, "restore", "Namnet är borttaget.")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(TryReport, report.id).hidden is False
    assert db.session.get(Material, town.material.id).evidence_level == EvidenceLevel.TRIED
    assert notifications(db)[-1].kind == NotificationKind.RESTORED_BY_MODERATOR
    assert [row[0] for row in audit(db)] == ["try_report.hidden", "try_report.shown"]


def test_hiding_a_material_tells_its_author_and_settles_every_open_report(
    town, reported, client_for, db
):
    reported("material", town.material.id)
    reported("material", town.material.id, by=town.colleague)
    admin = client_for(town.admin)
    assert (
        settle(admin, "material", town.material.id, "hide", "Bryter mot upphovsrätt.").status_code
        == 302
    )
    db.session.expire_all()
    assert db.session.get(Material, town.material.id).status == MaterialStatus.HIDDEN
    assert {f.resolution for f in db.session.execute(select(Flag)).scalars()} == {Resolution.HIDDEN}
    [told] = [n for n in notifications(db) if n.kind == NotificationKind.HIDDEN_BY_MODERATOR]
    assert (told.recipient_id, told.note) == (town.author.id, "Bryter mot upphovsrätt.")
    assert audit(db) == [
        ("material.hidden", town.admin.id, "material", town.material.id, "Bryter mot upphovsrätt.")
    ]
    assert 'class="count-badge"' not in admin.client.get("/moderering").text


def test_dismissing_keeps_it_as_it_is_and_tells_nobody(town, reported, client_for, db):
    reported("material", town.material.id)
    editor = client_for(town.editor)
    before = len(notifications(db))
    assert settle(editor, "material", town.material.id, "dismiss").status_code == 302
    db.session.expire_all()
    assert db.session.get(Material, town.material.id).status == MaterialStatus.PUBLISHED
    assert db.session.execute(select(Flag)).scalar_one().resolution == Resolution.DISMISSED
    assert len(notifications(db)) == before
    assert audit(db) == [("flag.dismissed", town.editor.id, "material", town.material.id, "")]
    # Settled: listed as a decision, and a second dismissal is refused.
    assert "Avfärdad" in editor.client.get("/moderering?visa=avgjorda").text
    response = settle(editor, "material", town.material.id, "dismiss")
    assert response.status_code == 200
    assert len(audit(db)) == 1


def test_hiding_needs_a_note_and_a_refusal_changes_nothing(town, reported, client_for, db):
    reported("material", town.material.id)
    editor = client_for(town.editor)
    for note in ("", "   ", "x" * 1001):
        response = settle(editor, "material", town.material.id, "hide", note)
        assert response.status_code == 200
        assert "Formuläret har fel" in response.text
    # Showing what is not hidden is refused with a message.
    response = settle(editor, "material", town.material.id, "restore", "Visa.")
    assert response.status_code == 200
    assert "Det är inte dolt" in response.text
    db.session.expire_all()
    assert db.session.get(Material, town.material.id).status == MaterialStatus.PUBLISHED
    assert db.session.execute(select(Flag)).scalar_one().resolved_at is None
    assert audit(db) == [] and notifications(db) == []
    assert settle(editor, "material", town.material.id, "vanish", "Bort.").status_code == 400


def test_no_moderation_without_the_csrf_token(town, reported, client_for, db):
    reported("material", town.material.id)
    editor = client_for(town.editor)
    page = f"/moderering/material/{town.material.id}"
    assert editor.client.post(page, data={"action": "hide", "note": "Dölj."}).status_code == 400
    db.session.expire_all()
    assert db.session.get(Material, town.material.id).status == MaterialStatus.PUBLISHED
    assert count(AuditEvent) == 0


def test_a_thing_deleted_by_its_writer_can_still_be_dismissed(
    town, try_report, reported, client_for, db
):
    report_id = try_report(town.material, town.colleague).id
    reported("try_report", report_id)
    writer = client_for(town.colleague)
    page = f"/material/{town.material.id}/jag-har-provat"
    assert writer.post(f"{page}/{report_id}/ta-bort", {}, token_from=page).status_code == 302
    db.session.expire_all()
    assert db.session.get(TryReport, report_id) is None
    editor = client_for(town.editor)
    assert "borttagen av den som skrev" in editor.client.get("/moderering").text
    assert settle(editor, "try_report", report_id, "hide", "Dölj.").status_code == 200
    assert settle(editor, "try_report", report_id, "dismiss").status_code == 302
    assert [row[0] for row in audit(db)] == ["flag.dismissed"]


def test_two_moderators_settling_at_once_settle_once(app, town, reported, db):
    """The second waits for the first one's transaction, then finds nothing open."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer in at a time; the row lock is for PostgreSQL")
    reported("material", town.material.id)
    services.settle("material", town.material.id, town.editor, Resolution.DISMISSED, "")
    outcome = []

    def the_other_request() -> None:
        with app.app_context():  # its own session and connection
            admin = db.session.get(User, town.admin.id)
            try:
                services.settle("material", town.material.id, admin, Resolution.DISMISSED, "")
                db.session.commit()
                outcome.append("settled")
            except services.FlagError:
                db.session.rollback()
                outcome.append("refused")

    waited = waited_for_this_transaction(the_other_request)
    assert waited, "the second moderator did not wait for the first"
    assert outcome == ["refused"]
    assert [row[:2] for row in audit(db)] == [("flag.dismissed", town.editor.id)]


def test_one_open_report_per_person_and_thing_is_kept_by_the_database(town, db):
    def report() -> Flag:
        return Flag(
            kind="material",
            object_id=town.material.id,
            material=town.material,
            reporter=town.reporter,
            reason="Skäl",
        )

    first = report()
    db.session.add_all([first, report()])
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    first = report()
    first.resolved_at = utcnow()
    first.resolution = Resolution.DISMISSED
    db.session.add_all([first, report()])
    db.session.commit()  # a settled report and a new open one
    assert count(Flag) == 2


def test_a_flagged_comment_hidden_from_the_queue_is_gone_for_others(town, reported, client_for, db):
    from share.feedback.comments import post_comment

    comment = post_comment(town.material, town.colleague, "Ring Kalle i 4B, han vet.")
    db.session.commit()
    reported("comment", comment.id)
    editor = client_for(town.editor)
    assert "Ring Kalle i 4B" in editor.client.get("/moderering").text
    response = settle(editor, "comment", comment.id, "hide", "Kommentaren namnger en elev.")
    assert response.status_code == 302
    page = f"/material/{town.material.id}"
    assert "Ring Kalle i 4B" not in client_for(town.reporter).client.get(page).text
    assert "Ring Kalle i 4B" in client_for(town.colleague).client.get(page).text  # its writer
    told = notifications(db)[-1]
    assert (told.recipient_id, told.kind, told.anchor) == (
        town.colleague.id,
        NotificationKind.HIDDEN_BY_MODERATOR,
        f"kommentar-{comment.id}",
    )
    assert audit(db)[-1][:3] == ("comment.hidden", town.editor.id, "comment")


def test_flagged_feedback_reaches_the_moderator_and_hides_from_the_author(
    town, reported, client_for, db
):
    from share.feedback.models import FeedbackKind
    from share.feedback.services import give_feedback

    feedback = give_feedback(town.material, town.colleague, FeedbackKind.QUESTION, "Otrevligt.")
    db.session.commit()
    page = f"/material/{town.material.id}"
    # Private: the moderator sees nothing of it until it is reported.
    assert "Otrevligt." not in client_for(town.editor).client.get(page).text
    reported("feedback", feedback.id, by=town.author)
    editor = client_for(town.editor)
    assert "Otrevligt." in editor.client.get(f"/moderering/feedback/{feedback.id}").text
    assert settle(editor, "feedback", feedback.id, "hide", "Inte vänligt.").status_code == 302
    assert "Otrevligt." not in client_for(town.author).client.get(page).text
    assert "Otrevligt." in client_for(town.colleague).client.get(page).text  # its writer
