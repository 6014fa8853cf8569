from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired

from share.forms import Length, optional_int
from share.tries.labels import BASIS_LABELS, OUTCOME_LABELS
from share.tries.services import FIRST_YEAR, MAX_GROUP, MAX_TEXT

NO_NAMES = _l("Write about the group, never name a pupil.")


class TryReportForm(FlaskForm):
    school_form_id = SelectField(
        _l("School form"), coerce=optional_int, validators=[InputRequired()]
    )
    group_description = StringField(
        _l("Who you tried it with"),
        validators=[InputRequired(), Length(max=MAX_GROUP)],
        description=_l('For example "year 4, 24 pupils". %(no_names)s', no_names=NO_NAMES),
    )
    tried_month = SelectField(_l("Month"), coerce=optional_int, validators=[InputRequired()])
    tried_year = SelectField(
        _l("Year"),
        coerce=optional_int,
        validators=[InputRequired()],
        default=lambda: date.today().year,
    )
    outcome = RadioField(
        _l("How did it go?"),
        choices=[SelectChoice(o.value, label) for o, label in OUTCOME_LABELS.items()],
        validators=[InputRequired(message=_l("Say how it went."))],
    )
    bases = SelectMultipleField(
        _l("What your judgement rests on"),
        choices=[SelectChoice(b.value, label) for b, label in BASIS_LABELS.items()],
        validators=[InputRequired(message=_l("Choose at least one."))],
        description=_l("One or more."),
    )
    adaptations = TextAreaField(
        _l("What you adapted"),
        validators=[Length(max=MAX_TEXT)],
        description=_l("For example pictures as support, shorter steps, more time."),
    )
    reflection = TextAreaField(
        _l("Reflection"),
        validators=[Length(max=MAX_TEXT)],
        description=_l("What you saw, what you would do again or differently. %(no_names)s",
                       no_names=NO_NAMES),
    )  # fmt: skip

    def set_choices(self, school_forms, month_names: list[str]) -> None:
        self.school_form_id.choices = [SelectChoice("", _l("Choose…"))] + [
            SelectChoice(form.id, name) for form, name in school_forms
        ]
        self.tried_month.choices = [SelectChoice("", _l("Choose…"))] + [
            SelectChoice(number, name) for number, name in enumerate(month_names, start=1)
        ]
        this_year = date.today().year
        # A required select's first option must be an empty placeholder (HTML's rule).
        self.tried_year.choices = [SelectChoice("", _l("Choose…"))] + [
            SelectChoice(year, str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)
        ]
