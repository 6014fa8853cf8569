"""Demo feedback to authors and demo comments, so the demo shows both sides of each: an
answered message and unanswered ones, a material revised after feedback, comments with
replies. Signed in as larare@ (Anna) or forskollarare@ (Sara) one sees all of it.

Only for development, like the rest of share/demo/. Running it again adds nothing twice:
a message or comment that is there (same material, writer and text) is left alone.
"""

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from share.auth.models import User
from share.database import utcnow
from share.demo.keys import demo_material
from share.extensions import db
from share.feedback.comments import post_comment
from share.feedback.models import Comment, Feedback, FeedbackKind
from share.feedback.services import answer_feedback, give_feedback
from share.materials.models import Material, MaterialStatus
from share.materials.services import MaterialDraft, update_material

ANNA = "larare@kommun.example"
SARA = "forskollarare@kommun.example"
EMMA = "emma.sundberg@kommun.example"
LENA = "lena.bergstrom@kommun.example"
PETER = "peter.holm@kommun.example"
JOHAN = "johan.nilsson@kommun.example"

LASFIGURER = "Lässtrategier med läsfigurerna – reciprok undervisning i åk 4"
KLASSRAD = "Klassråd som eleverna själva leder"
TAKK = "TAKK i barngruppen – tecken som stöd för språket"
EXIT_TICKETS = "Exit tickets – tre frågor innan eleverna går"
SPRAKLEKAR = "Lekar för språkutveckling i samlingen – rim, ramsor och ljudlekar"
BILDSCHEMA = "Bildschema för dagen – tydlig struktur i klassrummet och på fritids"


@dataclass(frozen=True)
class DemoFeedback:
    """A message to a demo material's author; with `answer`, the author answers it, and
    with `revision` also adds that paragraph to the material afterwards."""

    title: str
    writer: str
    kind: FeedbackKind
    text: str
    days_after: int
    answer: str = ""
    revision: str = ""


@dataclass(frozen=True)
class DemoComment:
    """A comment on a demo material and its replies, (writer, text) in order."""

    title: str
    writer: str
    text: str
    days_after: int
    replies: tuple[tuple[str, str], ...] = ()


DEMO_FEEDBACK = [
    DemoFeedback(
        LASFIGURER,
        PETER,
        FeedbackKind.WORKED,
        "Jag provade läsfigurerna med min lilla grupp i åk 4, fem elever med lässvårigheter. "
        "Spågumman och Detektiven fungerade direkt, men Reportern blev svår: frågorna blev "
        "mest ja- och nej-frågor.\nJag gjorde frågekort med frågeord (Varför? Hur? Vad "
        "hände när …?) och då lossnade det. Tack för ett genomtänkt material!",
        days_after=6,
        answer="Tack Peter! Samma sak hände hos oss med Reportern i början. Bra idé med "
        "frågekorten – jag lägger till dem i materialet.",
        revision="## Frågekort till Reportern\nEn kollega gav tipset att göra frågekort med "
        "frågeord (Varför? Hur? Vad hände när …?). Då blir Reporterns frågor öppna i stället "
        "för ja- och nej-frågor.",
    ),
    DemoFeedback(
        KLASSRAD,
        JOHAN,
        FeedbackKind.QUESTION,
        "Hur gör du när ordföranden tappar greppet om diskussionen? Går du in som lärare "
        "då, eller låter du eleverna lösa det själva?",
        days_after=9,
    ),
    DemoFeedback(
        TAKK,
        ANNA,
        FeedbackKind.SUGGESTION,
        "Flera av barnen från er förskola börjar i förskoleklass hos oss. Kanske kan ni "
        "lägga till en lista över de första tecknen ni lär barnen? Då kan vi fortsätta med "
        "samma tecken i skolan.",
        days_after=4,
    ),
]

DEMO_COMMENTS = [
    DemoComment(
        EXIT_TICKETS,
        ANNA,
        "Vi har börjat med exit tickets i åk 4 också. Skolverket har fler exempel på frågor "
        "i sitt stödmaterial om formativ bedömning: https://www.skolverket.se/",
        days_after=3,
        replies=(
            (
                JOHAN,
                "Vad roligt att höra! Hur många frågor brukar ni ha? Tre har varit lagom "
                "för mina sjuor.",
            ),  # fmt: skip
            (ANNA, "Två, annars hinner inte alla innan rasten."),
        ),
    ),
    DemoComment(
        SPRAKLEKAR,
        LENA,
        "Rimlådan är en favorit hos oss på Myrstacken också. Vi har satt bilder på sakerna "
        "så att de yngsta barnen kan vara med.",
        days_after=5,
        replies=((SARA, "Fint tips, det provar vi på Ekorrbo!"),),
    ),
    DemoComment(
        BILDSCHEMA,
        PETER,
        "Vi använder samma bildstöd på Östra skolan. Det underlättar mycket när en elev "
        "byter skola inom kommunen.",
        days_after=7,
    ),
]


def _aware(moment: datetime) -> datetime:
    """SQLite gives back times without a zone; every time Dela stores is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _after_publishing(material: Material, days: int, hours: int = 0) -> datetime:
    """`days` and `hours` after the material was published; for a material published
    lately, the days end 12 hours ago, so what follows by the hour is still past."""
    published = _aware(material.published_at or material.created_at)
    latest = utcnow() - timedelta(hours=12)
    return min(published + timedelta(days=days), latest) + timedelta(hours=hours)


def _material(key: str) -> Material | None:
    material = demo_material(key)
    return material if material and material.status == MaterialStatus.PUBLISHED else None


def _same_text(model, material: Material, writer: User, text: str):
    statement = select(model).where(
        model.material_id == material.id, model.writer_id == writer.id, model.text == text
    )
    return db.session.execute(statement).scalars().first()


def _draft_with(material: Material, paragraph: str) -> MaterialDraft:
    """The material as it is, with `paragraph` added to its description."""
    return replace(MaterialDraft.from_material(material), body=f"{material.body}\n\n{paragraph}")


def _seed_feedback(item: DemoFeedback, users: dict[str, User]) -> int:
    material, writer = _material(item.title), users.get(item.writer)
    if material is None or writer is None or writer == material.author:
        return 0
    if _same_text(Feedback, material, writer, item.text) is not None:
        return 0
    feedback = give_feedback(material, writer, item.kind, item.text)
    feedback.created_at = _after_publishing(material, item.days_after)
    if item.answer:
        answer_feedback(feedback, material.author, item.answer)
        feedback.answered_at = _after_publishing(material, item.days_after, hours=5)
    db.session.flush()
    if item.revision:
        # Saved now, after the feedback: the history says it was revised after it.
        update_material(material, material.author, _draft_with(material, item.revision))
    return 1


def _seed_comment(item: DemoComment, users: dict[str, User]) -> int:
    material, writer = _material(item.title), users.get(item.writer)
    if material is None or writer is None:
        return 0
    added = 0
    comment = _same_text(Comment, material, writer, item.text)
    if comment is None:
        comment = post_comment(material, writer, item.text)
        comment.created_at = _after_publishing(material, item.days_after)
        added += 1
    last = comment
    for number, (email, text) in enumerate(item.replies, start=1):
        replier = users.get(email)
        if replier is None:
            continue
        reply = _same_text(Comment, material, replier, text)
        if reply is None:
            reply = post_comment(material, replier, text, reply_to=last)
            reply.created_at = _after_publishing(material, item.days_after, hours=2 * number)
            added += 1
        last = reply
    db.session.flush()
    return added


def seed_demo_feedback(accounts_by_email: dict[str, User]) -> int:
    """Add the demo feedback and comments that are missing, on the demo materials that are
    there; returns how many messages, comments and replies were added. Flushes only."""
    added = sum(_seed_feedback(item, accounts_by_email) for item in DEMO_FEEDBACK)
    added += sum(_seed_comment(item, accounts_by_email) for item in DEMO_COMMENTS)
    return added
