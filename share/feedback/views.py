"""Feedback to an author and comments on a material. The forms sit on the material page;
each also has a page of its own, where a refused form comes back with its message."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from share.auth.guards import login_required
from share.extensions import db
from share.feedback import comments, services
from share.feedback.forms import AnswerForm, CommentForm, FeedbackForm
from share.feedback.models import Comment, Feedback
from share.feedback.services import COMMENT_PAGE
from share.forms import show_domain_error
from share.materials.models import Material
from share.materials.permissions import get_material
from share.rules import DomainError, NotAllowed

bp = Blueprint("feedback", __name__)


def _to_feedback(material: Material, feedback: Feedback):
    return redirect(
        url_for("materials.show", material_id=material.id, _anchor=f"aterkoppling-{feedback.id}")
    )


def _to_comment(material: Material, comment: Comment):
    page = comments.page_of(comment, current_user)
    return redirect(
        url_for(
            "materials.show",
            material_id=material.id,
            _anchor=f"kommentar-{comment.id}",
            **({COMMENT_PAGE: page} if page > 1 else {}),
        )
    )


@bp.route("/material/<int:material_id>/aterkoppling", methods=["GET", "POST"])
@login_required
def give(material_id: int):
    """Give the author feedback: a private message only the two of them read."""
    material = get_material(material_id, current_user)
    if not services.may_give_feedback(current_user, material):
        raise NotAllowed
    form = FeedbackForm()
    if form.validate_on_submit():
        try:
            feedback = services.give_feedback(
                material, current_user, form.kind.data, form.text.data
            )
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Your feedback is sent. Only you and %(name)s can read it.",
                    name=material.author.name), "success")  # fmt: skip
            return _to_feedback(material, feedback)
    return render_template("feedback/give.html", material=material, form=form)


@bp.route("/material/<int:material_id>/aterkoppling/<int:feedback_id>/svar",
          methods=["GET", "POST"])  # fmt: skip
@login_required
def answer(material_id: int, feedback_id: int):
    """The author's one answer to a message."""
    material = get_material(material_id, current_user)
    feedback = services.feedback_of(material, feedback_id, current_user)
    if material.author_id != current_user.id:
        raise NotAllowed
    if feedback.answered_at is not None:
        flash(_("You have already answered this message."), "error")
        return _to_feedback(material, feedback)
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            services.answer_feedback(feedback, current_user, form.text.data)
        except DomainError as error:
            db.session.rollback()
            if error.field is None:
                flash(str(error.message), "error")
                return _to_feedback(material, feedback)
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Your answer is sent."), "success")
            return _to_feedback(material, feedback)
    return render_template("feedback/answer.html", material=material, feedback=feedback, form=form)


def _save_comment(material: Material, form: CommentForm, reply_to: Comment | None):
    """Post the form's comment; a redirect to it, or None when it was refused (its
    message is then on the form)."""
    if not form.validate_on_submit():
        return None
    try:
        comment = comments.post_comment(material, current_user, form.text.data, reply_to=reply_to)
    except DomainError as error:
        db.session.rollback()
        show_domain_error(form, error)
        return None
    db.session.commit()
    flash(_("Your comment is published."), "success")
    return _to_comment(material, comment)


@bp.route("/material/<int:material_id>/kommentarer", methods=["GET", "POST"])
@login_required
def comment(material_id: int):
    material = get_material(material_id, current_user)
    if not comments.may_comment(current_user, material):
        raise NotAllowed
    form = CommentForm()
    return _save_comment(material, form, None) or render_template(
        "feedback/comment.html", material=material, form=form, reply_to=None
    )


@bp.route("/material/<int:material_id>/kommentarer/<int:comment_id>/svar",
          methods=["GET", "POST"])  # fmt: skip
@login_required
def reply(material_id: int, comment_id: int):
    material = get_material(material_id, current_user)
    reply_to = comments.comment_of(material, comment_id, current_user)
    if not comments.may_comment(current_user, material):
        raise NotAllowed
    form = CommentForm()
    return _save_comment(material, form, reply_to) or render_template(
        "feedback/comment.html", material=material, form=form, reply_to=reply_to
    )


@bp.route("/material/<int:material_id>/kommentarer/<int:comment_id>/redigera",
          methods=["GET", "POST"])  # fmt: skip
@login_required
def edit_comment(material_id: int, comment_id: int):
    material = get_material(material_id, current_user)
    comment = comments.own_comment(material, comment_id, current_user)
    form = CommentForm(data={"text": comment.text} if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            comments.edit_comment(comment, current_user, form.text.data)
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Your comment is saved."), "success")
            return _to_comment(material, comment)
    return render_template(
        "feedback/edit_comment.html", material=material, form=form, comment=comment
    )


@bp.post("/material/<int:material_id>/kommentarer/<int:comment_id>/ta-bort")
@login_required
def delete_comment(material_id: int, comment_id: int):
    material = get_material(material_id, current_user)
    comment = comments.own_comment(material, comment_id, current_user)
    comments.delete_comment(comment, current_user)
    db.session.commit()
    flash(_("Your comment is deleted."), "success")
    return redirect(url_for("materials.show", material_id=material.id, _anchor="kommentarer"))
