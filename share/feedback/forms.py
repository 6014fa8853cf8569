from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, TextAreaField
from wtforms.validators import InputRequired

from share.feedback.comments import EMPTY_COMMENT
from share.feedback.labels import FEEDBACK_KIND_LABELS
from share.feedback.services import EMPTY_ANSWER, EMPTY_FEEDBACK
from share.feedback.text import MAX_TEXT
from share.i18n import lazy_number

# The length is checked by the service, after line ends are made one character each; the
# browser's maxlength counts them so too.
_TEXT = {"maxlength": MAX_TEXT, "rows": 6, "lang": "sv"}


class FeedbackForm(FlaskForm):
    kind = RadioField(
        _l("What kind of feedback?"),
        choices=[SelectChoice(kind.value, label) for kind, label in FEEDBACK_KIND_LABELS.items()],
        validators=[InputRequired(message=_l("Choose what kind of feedback it is."))],
    )
    text = TextAreaField(
        _l("Your message"),
        validators=[InputRequired(message=EMPTY_FEEDBACK)],
        description=_l("At most %(max)s characters.", max=lazy_number(MAX_TEXT)),
        render_kw=_TEXT,
    )


class AnswerForm(FlaskForm):
    text = TextAreaField(
        _l("Your answer"), validators=[InputRequired(message=EMPTY_ANSWER)], render_kw=_TEXT
    )


class CommentForm(FlaskForm):
    text = TextAreaField(
        _l("Your comment"),
        validators=[InputRequired(message=EMPTY_COMMENT)],
        description=_l("Links starting with http:// or https:// become clickable."),
        render_kw=_TEXT,
    )
