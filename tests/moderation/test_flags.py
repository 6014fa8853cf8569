"""Reporting ("Anmäl"): anyone signed in reports what they see and did not write, with a
reason; one open report per person and thing."""

import pytest
from sqlalchemy import select

from share.feedback.comments import post_comment
from share.feedback.models import FeedbackKind
from share.feedback.services import give_feedback
from share.materials.models import MaterialStatus
from share.moderation.kinds import registered_kinds
from share.moderation.models import Flag
from share.moderation.services import MAX_REASON
from tests.support.database import count


@pytest.fixture
def things(db, town, try_report):
    """Factory: things(kind) makes one reportable thing of each registered kind; returns
    (the thing, the material it is on)."""

    def make(kind: str):
        if kind == "material":
            return town.material, town.material
        if kind == "try_report":
            return try_report(town.material, town.colleague), town.material
        if kind == "comment":
            comment = post_comment(town.material, town.colleague, "Vi gjorde så här.")
            db.session.commit()
            return comment, town.material
        if kind == "feedback":
            # Private: the material's author is the one who sees it and so can report it.
            feedback = give_feedback(town.material, town.colleague, FeedbackKind.WORKED, "Bra!")
            db.session.commit()
            return feedback, town.material
        raise AssertionError(f"No test thing for the kind {kind!r}: add one here")

    return make


def flags(db) -> list[Flag]:
    db.session.expire_all()
    return list(db.session.execute(select(Flag).order_by(Flag.id)).scalars())


@pytest.mark.parametrize("kind", [kind.key for kind in registered_kinds()])
def test_each_registered_kind_can_be_reported(kind, things, town, client_for, db):
    thing, material = things(kind)
    # Feedback is seen by its writer and the material's author only: the author reports it.
    who = town.author if kind == "feedback" else town.reporter
    reporter = client_for(who)
    page = f"/anmal/{kind}/{thing.id}"
    assert reporter.client.get(page).status_code == 200
    response = reporter.post(page, {"reason": "  Eleven nämns vid namn.  "}, token_from=page)
    assert response.status_code == 302
    assert f"/material/{material.id}" in response.headers["Location"]
    [flag] = flags(db)
    assert (flag.kind, flag.object_id, flag.material_id) == (kind, thing.id, material.id)
    assert (flag.reporter_id, flag.reason, flag.resolved_at) == (
        who.id,
        "Eleven nämns vid namn.",
        None,
    )


def test_the_material_page_links_to_the_report_pages(town, try_report, client_for):
    report = try_report(town.material, town.colleague)
    html = client_for(town.reporter).client.get(f"/material/{town.material.id}").text
    assert f'href="/anmal/material/{town.material.id}"' in html
    assert f'href="/anmal/try_report/{report.id}"' in html
    # Nobody reports what they wrote.
    html = client_for(town.colleague).client.get(f"/material/{town.material.id}").text
    assert f'href="/anmal/material/{town.material.id}"' in html
    assert f'href="/anmal/try_report/{report.id}"' not in html


def test_reporting_again_changes_the_reason_of_the_open_report(town, client_for, db):
    reporter = client_for(town.reporter)
    page = f"/anmal/material/{town.material.id}"
    reporter.post(page, {"reason": "Första skälet"}, token_from=page)
    assert "Första skälet" in reporter.client.get(page).text  # the form shows it again
    reporter.post(page, {"reason": "Andra skälet"}, token_from=page)
    [flag] = flags(db)
    assert flag.reason == "Andra skälet" and flag.updated_at is not None
    # Someone else's report is their own.
    other = client_for(town.colleague)
    other.post(page, {"reason": "Mitt skäl"}, token_from=page)
    assert [f.reason for f in flags(db)] == ["Andra skälet", "Mitt skäl"]


@pytest.mark.parametrize("reason", ["", "   \n  ", "x" * (MAX_REASON + 1)])
def test_the_reason_is_required_and_bounded(reason, town, client_for, db):
    reporter = client_for(town.reporter)
    page = f"/anmal/material/{town.material.id}"
    response = reporter.post(page, {"reason": reason}, token_from=page)
    assert response.status_code == 200
    assert "Formuläret har fel" in response.text
    assert count(Flag) == 0


def test_no_report_without_the_csrf_token(town, client_for, db):
    reporter = client_for(town.reporter)
    page = f"/anmal/material/{town.material.id}"
    response = reporter.client.post(page, data={"reason": "Skäl"})
    assert response.status_code == 400
    response = reporter.client.post(page, data={"reason": "Skäl", "csrf_token": "fel"})
    assert response.status_code == 400
    assert count(Flag) == 0


def test_what_one_may_not_see_or_wrote_oneself_cannot_be_reported(town, try_report, client_for, db):
    report = try_report(town.material, town.colleague)
    writer = client_for(town.colleague)
    assert writer.client.get(f"/anmal/try_report/{report.id}").status_code == 403
    author = client_for(town.author)
    assert author.client.get(f"/anmal/material/{town.material.id}").status_code == 403
    reporter = client_for(town.reporter)
    for page in (
        "/anmal/comment-that-is-no-kind/1",
        f"/anmal/material/{town.material.id + 1000}",
        f"/anmal/try_report/{report.id + 1000}",
    ):
        assert reporter.client.get(page).status_code == 404
    # A hidden report is shown to its writer only; a draft to its author only.
    report.hidden = True
    town.material.status = MaterialStatus.DRAFT
    db.session.commit()
    assert reporter.client.get(f"/anmal/try_report/{report.id}").status_code == 404
    assert reporter.client.get(f"/anmal/material/{town.material.id}").status_code == 404
    page = f"/anmal/material/{town.material.id}"
    response = reporter.post(page, {"reason": "Skäl"}, token_from="/")
    assert response.status_code == 404
    assert count(Flag) == 0


def test_signed_out_visitors_are_sent_to_sign_in(town, client, db):
    response = client.get(f"/anmal/material/{town.material.id}")
    assert response.status_code == 302 and "/logga-in" in response.headers["Location"]


def test_a_reporter_sees_no_reports_but_their_own(town, client_for, db):
    page = f"/anmal/material/{town.material.id}"
    client_for(town.colleague).post(page, {"reason": "Kollegans hemliga skäl"}, token_from=page)
    reporter = client_for(town.reporter)
    assert "Kollegans hemliga skäl" not in reporter.client.get(page).text
    assert reporter.client.get("/moderering").status_code == 403
    case = f"/moderering/material/{town.material.id}"
    assert reporter.client.get(case).status_code == 403


def test_reported_text_is_shown_inert(town, try_report, client_for, db):
    report = try_report(town.material, town.colleague, reflection="<script>alert(1)</script>")
    page = f"/anmal/try_report/{report.id}"
    reporter = client_for(town.reporter)
    assert "<script>alert(1)" not in reporter.client.get(page).text
    reporter.post(page, {"reason": "<img src=x onerror=alert(2)>"}, token_from=page)
    html = client_for(town.editor).client.get(f"/moderering/try_report/{report.id}").text
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html


def test_feedback_can_be_reported_only_by_those_who_see_it(things, town, client_for, db):
    feedback, _material = things("feedback")
    page = f"/anmal/feedback/{feedback.id}"
    assert client_for(town.reporter).client.get(page).status_code == 404
    assert client_for(town.editor).client.get(page).status_code == 404
    assert flags(db) == []
