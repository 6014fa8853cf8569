"""The rules for comments on a material: public to everyone who may see it, one level of
replies, edited and deleted by their writers; a deleted comment with replies keeps its
place so the replies keep their context. Hidden by a moderator, only its writer sees it.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.orm import aliased, selectinload

from share.auth.models import User
from share.database import utcnow
from share.extensions import db
from share.feedback.models import Comment
from share.feedback.text import kept_text
from share.materials.models import Material, MaterialStatus
from share.notifications.models import NotificationKind
from share.notifications.services import notify
from share.paging import PER_PAGE
from share.rules import NotAllowed, NotFound

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
    """Hold a top-level comment's row until the transaction ends, so that a reply and the
    deletion of what it replies to happen one after the other; False when it is gone.

    An UPDATE that changes nothing, not SELECT … FOR UPDATE: it locks the row on
    PostgreSQL, and on SQLite it is what makes the transaction the one writer, so what
    it reads next is not changed under it before it commits."""
    statement = (
        update(Comment)
        .where(Comment.id == comment.id)
        .values(hidden=Comment.hidden)
        .execution_options(synchronize_session=False)
    )
    return db.session.execute(statement).rowcount == 1


def post_comment(
    material: Material, writer: User, text: str, *, reply_to: Comment | None = None
) -> Comment:
    """A comment by `writer`, or a reply to `reply_to` (a reply to a reply joins the
    comment that began the thread). The material's author is told of it, and the writer
    of what it replies to. Raises NotAllowed, NotFound or FeedbackError."""
    if not may_comment(writer, material):
        raise NotAllowed
    text = kept_text(text, EMPTY_COMMENT)
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
    text = kept_text(text, EMPTY_COMMENT)
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
