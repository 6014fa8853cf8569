from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Optional

from share.forms import Length
from share.moderation.services import MAX_NOTE, MAX_REASON

#: What the case page's buttons send as `action`.
SETTLE_ACTIONS = ("hide", "restore", "dismiss")


class FlagForm(FlaskForm):
    reason = TextAreaField(
        _l("Why do you report it?"),
        validators=[
            InputRequired(message=_l("Say why you report it.")),
            Length(max=MAX_REASON),
        ],
        description=_l(
            "For example names of pupils, something offensive, or something that breaks "
            "copyright. Only moderators read it. At most %(max)s characters.",
            max=MAX_REASON,
        ),
    )


class SettleForm(FlaskForm):
    note = TextAreaField(
        _l("Note"),
        validators=[Length(max=MAX_NOTE)],
        description=_l(
            "Needed to hide or show: the writer gets it with the notice. "
            "With a dismissal it stays in the log."
        ),
    )
    #: Sent by the button that was pressed.
    action = StringField(validators=[AnyOf(SETTLE_ACTIONS)])


class LogFilterForm(FlaskForm):
    """The audit log's filters: a GET form, so no CSRF token (it changes nothing)."""

    class Meta:
        csrf = False

    action = SelectField(_l("Action"), validate_choice=False)
    actor_email = StringField(_l("E-mail address of who did it"), validators=[Length(max=254)])
    object_type = SelectField(_l("Type of object"), validate_choice=False)
    since = DateField(_l("From (date)"), validators=[Optional()])
    until = DateField(_l("To (date)"), validators=[Optional()])

    def set_choices(self, actions: list[tuple[str, str]], types: list[tuple[str, str]]) -> None:
        everything = SelectChoice("", _l("All"))
        self.action.choices = [everything] + [SelectChoice(v, label) for v, label in actions]
        self.object_type.choices = [everything] + [SelectChoice(v, label) for v, label in types]
