"""The rules for feedback to an author, and what the material page shows of feedback and
comments (share/feedback/comments.py holds the comments' rules).

Feedback is private: its writer and the material's author see it, nobody else (an admin
neither); hidden by a moderator, only its writer does. The author answers each message
once. Neither feedback nor comments are indexed for search or listed anywhere but on the
material's own page.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from share.auth.models import User
from share.database import utcnow
from share.extensions import db
from share.feedback.comments import Thread, comment_threads, may_comment
from share.feedback.models import Feedback, FeedbackKind
from share.feedback.text import MAX_TEXT, FeedbackError, kept_text
from share.materials.models import Material, MaterialRevision, MaterialStatus
from share.notifications.models import NotificationKind
from share.notifications.services import notify
from share.rules import NotAllowed, NotFound

EMPTY_FEEDBACK = _l("Write your message to the author.")
EMPTY_ANSWER = _l("Write your answer.")


def may_give_feedback(user: User, material: Material) -> bool:
    """Anyone signed in but the author, on a published material."""
    return material.status == MaterialStatus.PUBLISHED and material.author_id != user.id


def give_feedback(material: Material, writer: User, kind, text: str) -> Feedback:
    """A private message from `writer` to the material's author, who is told of it.
    Raises NotAllowed or FeedbackError."""
    if not may_give_feedback(writer, material):
        raise NotAllowed
    if kind not in set(FeedbackKind):
        raise FeedbackError(_l("Choose what kind of feedback it is."), field="kind")
    feedback = Feedback(
        material=material,
        writer=writer,
        kind=FeedbackKind(kind),
        text=kept_text(text, EMPTY_FEEDBACK),
    )
    db.session.add(feedback)
    db.session.flush()
    notify(
        material.author,
        NotificationKind.FEEDBACK_RECEIVED,
        actor=writer,
        material=material,
        anchor=f"aterkoppling-{feedback.id}",
    )
    return feedback


def may_read_feedback(user: User, feedback: Feedback) -> bool:
    """Its writer always; the material's author unless a moderator hid it."""
    if feedback.writer_id == user.id:
        return True
    return not feedback.hidden and feedback.material.author_id == user.id


def feedback_of(material: Material, feedback_id: int, user: User) -> Feedback:
    """The feedback on `material` with that id, if `user` may read it.

    :raise NotFound: when there is none, or it is someone else's.
    """
    feedback = db.session.get(Feedback, feedback_id)
    if feedback is None or feedback.material_id != material.id:
        raise NotFound
    if not may_read_feedback(user, feedback):
        raise NotFound
    return feedback


def answer_feedback(feedback: Feedback, author: User, text: str) -> None:
    """The author's one answer to a message; its writer is told. Raises NotFound (not one
    of its two parties), NotAllowed (its writer) or FeedbackError (already answered)."""
    if not may_read_feedback(author, feedback):
        raise NotFound
    if feedback.material.author_id != author.id:
        raise NotAllowed
    answer = kept_text(text, EMPTY_ANSWER)
    # One statement that answers only an unanswered message: of two answers sent at
    # once, the second finds it answered.
    result = db.session.execute(
        update(Feedback)
        .where(Feedback.id == feedback.id, Feedback.answered_at.is_(None))
        .values(answer=answer, answered_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise FeedbackError(_l("You have already answered this message."))
    db.session.expire(feedback, ["answer", "answered_at"])
    notify(
        feedback.writer,
        NotificationKind.FEEDBACK_ANSWERED,
        actor=author,
        material=feedback.material,
        anchor=f"aterkoppling-{feedback.id}",
    )


def set_feedback_hidden(feedback: Feedback, hidden: bool) -> None:
    """Hide or show a message (a moderator's act, authorized and logged by the caller):
    hidden, only its writer sees it, and it counts for no revision."""
    feedback.hidden = hidden
    db.session.flush()


def readable_feedback(material: Material, viewer: User) -> list[Feedback]:
    """The material's feedback `viewer` may read, oldest first: to its author all they
    received, to anyone else what they wrote themselves."""
    statement = (
        select(Feedback)
        .where(Feedback.material_id == material.id)
        .order_by(Feedback.created_at, Feedback.id)
        .options(selectinload(Feedback.writer))
    )
    if viewer.id == material.author_id:
        statement = statement.where(Feedback.hidden.is_(False))
    else:
        statement = statement.where(Feedback.writer_id == viewer.id)
    return list(db.session.execute(statement).scalars())


def revised_after_feedback(material: Material) -> dict[int, int]:
    """For each revision the author saved after colleagues gave feedback: how many
    colleagues gave it (distinct writers of feedback, not hidden, given between the
    revision before it and it). Keyed by revision id; other revisions are left out.

    Computed when shown, so hiding a message changes the count at once.
    """
    # Plain rows, so both sides of each comparison come from the database alike.
    revisions = db.session.execute(
        select(MaterialRevision.id, MaterialRevision.editor_id, MaterialRevision.created_at)
        .where(MaterialRevision.material_id == material.id)
        .order_by(MaterialRevision.number)
    ).all()
    given = db.session.execute(
        select(Feedback.writer_id, Feedback.created_at).where(
            Feedback.material_id == material.id, Feedback.hidden.is_(False)
        )
    ).all()
    counts = {}
    for before, revision in zip(revisions, revisions[1:], strict=False):
        if revision.editor_id != material.author_id:
            continue
        writers = {
            writer_id
            for writer_id, created_at in given
            if before.created_at < created_at < revision.created_at
        }
        if writers:
            counts[revision.id] = len(writers)
    return counts


#: The query argument that pages the comments on the material page (`page` pages the try
#: reports there).
COMMENT_PAGE = "kommentarsida"


@dataclass
class MaterialFeedback:
    """What the material page shows one viewer of its feedback and comments."""

    is_author: bool
    #: The feedback the viewer may read (see `readable_feedback`).
    messages: list[Feedback]
    may_give: bool
    #: Whether the page has a feedback section for the viewer at all.
    shows_feedback: bool
    comment_page: object  # a page of top-level comments
    threads: list[Thread]
    may_comment: bool
    max_text: int = MAX_TEXT


def material_feedback(material: Material, viewer: User, *, comment_page: int) -> MaterialFeedback:
    pagination, threads = comment_threads(material, viewer, page=comment_page)
    is_author = viewer.id == material.author_id
    messages = readable_feedback(material, viewer)
    may_give = may_give_feedback(viewer, material)
    published = material.status == MaterialStatus.PUBLISHED
    return MaterialFeedback(
        is_author=is_author,
        messages=messages,
        may_give=may_give,
        shows_feedback=may_give or bool(messages) or (is_author and published),
        comment_page=pagination,
        threads=threads,
        may_comment=may_comment(viewer, material),
    )
