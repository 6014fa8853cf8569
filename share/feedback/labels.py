"""What a reader sees for the kinds of feedback."""

from flask_babel import lazy_gettext as _l

from share.feedback.models import FeedbackKind

FEEDBACK_KIND_LABELS = {
    FeedbackKind.WORKED: _l("This worked"),
    FeedbackKind.QUESTION: _l("A question"),
    FeedbackKind.SUGGESTION: _l("A suggestion"),
}
