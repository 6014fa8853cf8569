"""Demo reports in the demo editor's queue, so the demo shows moderation at work.

A teacher in Skolområde Norr has tried a material from Skolområde Söder and named a pupil
in her report, and another teacher named one in a comment on it; a colleague has reported
both. The demo editor (rektor@kommun.example, in Söder) finds them at /moderering and can
hide them with a note to their writers.
"""

from datetime import date

from sqlalchemy import select

from share.auth.models import User
from share.demo.keys import demo_material
from share.extensions import db
from share.feedback.comments import post_comment
from share.feedback.models import Comment
from share.materials.models import Material
from share.moderation.kinds import COMMENT, TRY_REPORT
from share.moderation.models import Flag
from share.moderation.services import flag
from share.tries.models import Basis, Outcome
from share.tries.services import ReportDraft, own_report, save_report
from share.vocabularies.models import SchoolForm

#: By Ahmed Hassan, Sjöviksskolan, Skolområde Söder (share/demo/materials.py).
MATERIAL = "Digitala exit tickets – snabb överblick i SvA-gruppen"
#: Norrbackaskolan, Skolområde Norr: another unit and area than the material's.
WRITER = "emma.sundberg@kommun.example"
REPORTER = "larare@kommun.example"
REFLECTION = (
    "Gick över förväntan för de flesta. Ali i 8B kom inte igång alls med formuläret, så "
    "nästa gång får han frågorna på papper med bildstöd."
)
REASON = (
    "Rapporten nämner en elev med namn och klass. Elever ska inte gå att känna igen i det vi delar."
)


#: Östra skolan, Skolområde Öster.
COMMENTER = "peter.holm@kommun.example"
COMMENT_TEXT = "Vi provade i 5B. Wilma, som annars aldrig räcker upp handen, svarade på alla tre!"
COMMENT_REASON = "Kommentaren nämner en elev vid namn."


def _user(email: str) -> User | None:
    return db.session.execute(select(User).where(User.email == email)).scalar_one_or_none()


def seed_demo_moderation() -> int:
    """Add the demo try report, the demo comment and their reports to the moderators if
    they are missing; returns how many reports were added (0 to 2). A report the demo
    editor has settled stays settled. Flushes only."""
    material = demo_material(MATERIAL)
    writer, reporter = _user(WRITER), _user(REPORTER)
    if material is None or writer is None or reporter is None:
        return 0
    report = own_report(writer, material)
    if report is None:
        school_form = db.session.execute(
            select(SchoolForm).where(SchoolForm.slug == "grundskola-7-9")
        ).scalar_one()
        today = date.today()
        year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
        report = save_report(
            material,
            writer,
            ReportDraft(
                school_form_id=school_form.id,
                group_description="SvA-grupp åk 8, 14 elever",
                tried_year=year,
                tried_month=month,
                outcome=Outcome.WELL,
                bases=[Basis.OBSERVATION, Basis.STUDENT_VOICES],
                adaptations="Frågorna lästes upp och fanns som bilder.",
                reflection=REFLECTION,
            ),
        )
    reported_before = db.session.execute(
        select(Flag.id).where(
            Flag.kind == TRY_REPORT.key,
            Flag.object_id == report.id,
            Flag.reporter_id == reporter.id,
        )
    ).first()
    added = 0
    if not reported_before:
        flag(TRY_REPORT, report, reporter, REASON)
        added += 1
    added += _flag_demo_comment(material, reporter)
    db.session.flush()
    return added


def _flag_demo_comment(material: Material, reporter: User) -> int:
    """The demo comment naming a pupil, and its report, unless they are there already."""
    commenter = _user(COMMENTER)
    if commenter is None:
        return 0
    comment = db.session.execute(
        select(Comment).where(
            Comment.material_id == material.id,
            Comment.writer_id == commenter.id,
            Comment.text == COMMENT_TEXT,
        )
    ).scalar()
    if comment is None:
        comment = post_comment(material, commenter, COMMENT_TEXT)
    reported_before = db.session.execute(
        select(Flag.id).where(Flag.kind == COMMENT.key, Flag.object_id == comment.id)
    ).first()
    if reported_before:
        return 0
    flag(COMMENT, comment, reporter, COMMENT_REASON)
    return 1
