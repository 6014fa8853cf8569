"""The rules for feedback to an author and for comments on a material.

Feedback is private: its writer and the material's author see it, nobody else (an admin
neither); hidden by a moderator, only its writer does. The author answers each message
once. Comments are public to everyone who may see the material, with one level of replies;
their writers edit and delete them, and a deleted comment with replies leaves its place.
Neither is indexed for search nor listed anywhere but on the material's own page.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.orm import aliased, selectinload

from share.auth.models import User
from share.database import utcnow
from share.extensions import db
from share.feedback.models import Comment, Feedback, FeedbackKind
from share.materials.models import Material, MaterialRevision, MaterialStatus
from share.notifications.models import NotificationKind
from share.notifications.services import notify
from share.paging import PER_PAGE
from share.rules import DomainError, NotAllowed, NotFound

#: The longest message, answer or comment, in characters.
MAX_TEXT = 5_000


class FeedbackError(DomainError):
    """A rule about feedback or comments was broken."""


def _text(text: str | None, empty_message) -> str:
    """The text as it is kept: line ends made "\\n", stripped. Raises FeedbackError (on
    the field "text") when nothing is left or it is too long."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise FeedbackError(empty_message, field="text")
    if len(text) > MAX_TEXT:
        raise FeedbackError(_l("At most %(max)s characters.", max=MAX_TEXT), field="text")
    return text


# ---------------------------------------------------------------------------------------
# Feedback to the author
# ---------------------------------------------------------------------------------------

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
        material=material, writer=writer, kind=FeedbackKind(kind), text=_text(text, EMPTY_FEEDBACK)
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
    answer = _text(text, EMPTY_ANSWER)
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


# ---------------------------------------------------------------------------------------
# Comments
# ---------------------------------------------------------------------------------------

EMPTY_COMMENT = _l("Write your comment.")


def may_comment(user: User, material: Material) -> bool:
    """Everyone who sees a published material (the caller has checked they may see it)."""
    return material.status == MaterialStatus.PUBLISHED


def _shown_to(viewer: User, comment=Comment):
    """Whether a comment is shown in full to `viewer`: a hidden one only to its writer."""
    return and_(
        comment.deleted_at.is_(None), or_(comment.hidden.is_(False), comment.writer_id == viewer.id)
    )


def comment_of(material: Material, comment_id: int, viewer: User) -> Comment:
    """The comment on `material` with that id, if `viewer` may read it.

    :raise NotFound: when there is none, it is deleted, or it is hidden from the viewer.
    """
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.material_id != material.id or comment.deleted:
        raise NotFound
    if comment.hidden and comment.writer_id != viewer.id:
        raise NotFound
    return comment


def own_comment(material: Material, comment_id: int, writer: User) -> Comment:
    """:raise NotFound: unless the comment is `writer`'s own (and not deleted)."""
    comment = comment_of(material, comment_id, writer)
    if comment.writer_id != writer.id:
        raise NotFound
    return comment


def _lock(comment: Comment) -> bool:
    """Hold a top-level comment's row until the transaction ends, so a reply and the
    deletion of what it replies to happen one after the other (PostgreSQL; SQLite lets
    one writer in at a time already). False when it is gone meanwhile."""
    statement = select(Comment.id).where(Comment.id == comment.id).with_for_update()
    return db.session.execute(statement).first() is not None


def post_comment(
    material: Material, writer: User, text: str, *, reply_to: Comment | None = None
) -> Comment:
    """A comment by `writer`, or a reply to `reply_to` (a reply to a reply joins the
    comment that began the thread). The material's author is told of it, and the writer
    of what it replies to. Raises NotAllowed, NotFound or FeedbackError."""
    if not may_comment(writer, material):
        raise NotAllowed
    text = _text(text, EMPTY_COMMENT)
    thread = None
    if reply_to is not None:
        reply_to = comment_of(material, reply_to.id, writer)
        thread = reply_to.parent or reply_to
        if not _lock(thread):
            raise NotFound
    comment = Comment(material=material, writer=writer, parent=thread, text=text)
    db.session.add(comment)
    db.session.flush()
    anchor = f"kommentar-{comment.id}"
    if reply_to is not None:
        notify(reply_to.writer, NotificationKind.COMMENT_REPLIED, actor=writer,
               material=material, anchor=anchor)  # fmt: skip
    if reply_to is None or reply_to.writer_id != material.author_id:
        notify(material.author, NotificationKind.COMMENT_POSTED, actor=writer,
               material=material, anchor=anchor)  # fmt: skip
    return comment


def edit_comment(comment: Comment, writer: User, text: str) -> None:
    """Change the text of one's own comment; it is shown as edited. Raises NotFound or
    FeedbackError."""
    if comment.writer_id != writer.id or comment.deleted:
        raise NotFound
    text = _text(text, EMPTY_COMMENT)
    if text != comment.text:
        comment.text = text
        comment.edited_at = utcnow()
    db.session.flush()


def _has_replies(comment: Comment) -> bool:
    statement = select(Comment.id).where(Comment.parent_id == comment.id).limit(1)
    return db.session.execute(statement).first() is not None


def delete_comment(comment: Comment, writer: User) -> None:
    """Delete one's own comment. One with replies keeps its place, without its text, so
    the replies keep their context; it goes for good with its last reply. Raises
    NotFound."""
    if comment.writer_id != writer.id or comment.deleted:
        raise NotFound
    thread = comment.parent
    if thread is None:
        _lock(comment)
        if _has_replies(comment):
            comment.text = ""
            comment.edited_at = None
            comment.deleted_at = utcnow()
        else:
            db.session.delete(comment)
    else:
        _lock(thread)
        db.session.delete(comment)
        db.session.flush()
        if thread.deleted and not _has_replies(thread):
            db.session.delete(thread)
    db.session.flush()


def set_comment_hidden(comment: Comment, hidden: bool) -> None:
    """Hide or show a comment (a moderator's act, authorized and logged by the caller):
    hidden, only its writer sees it, marked as hidden."""
    comment.hidden = hidden
    db.session.flush()


@dataclass
class Thread:
    """A top-level comment and its replies, as one viewer sees them. `stands_in` when the
    comment itself is not shown (deleted, or hidden from the viewer) but its replies are."""

    comment: Comment
    replies: list[Comment] = field(default_factory=list)
    stands_in: bool = False


def _listed_threads(material: Material, viewer: User):
    """The top-level comments listed to `viewer`: those shown in full, and those that
    stand in for replies the viewer sees."""
    reply = aliased(Comment)
    seen_reply = exists().where(reply.parent_id == Comment.id, _shown_to(viewer, reply))
    return select(Comment).where(
        Comment.material_id == material.id,
        Comment.parent_id.is_(None),
        or_(_shown_to(viewer), seen_reply),
    )


def comment_threads(material: Material, viewer: User, *, page: int):
    """A page of the material's comments, oldest first, paginated by top-level comment;
    returns the page and its threads."""
    statement = _listed_threads(material, viewer).order_by(Comment.created_at, Comment.id)
    pagination = db.paginate(
        statement.options(selectinload(Comment.writer)),
        page=page,
        per_page=PER_PAGE,
        error_out=False,
    )
    threads = {
        comment.id: Thread(
            comment,
            stands_in=comment.deleted or (comment.hidden and comment.writer_id != viewer.id),
        )
        for comment in pagination.items
    }
    if threads:
        replies = db.session.execute(
            select(Comment)
            .where(Comment.parent_id.in_(list(threads)), _shown_to(viewer))
            .order_by(Comment.created_at, Comment.id)
            .options(selectinload(Comment.writer))
        ).scalars()
        for reply in replies:
            threads[reply.parent_id].replies.append(reply)
    return pagination, list(threads.values())


def page_of(comment: Comment, viewer: User) -> int:
    """The page of the material's comments on which `viewer` finds `comment`."""
    top = comment.parent or comment
    earlier = _listed_threads(top.material, viewer).where(
        or_(
            Comment.created_at < top.created_at,
            and_(Comment.created_at == top.created_at, Comment.id < top.id),
        )
    )
    before = db.session.execute(select(func.count()).select_from(earlier.subquery())).scalar_one()
    return before // PER_PAGE + 1


# ---------------------------------------------------------------------------------------
# The material page
# ---------------------------------------------------------------------------------------


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
