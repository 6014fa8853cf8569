from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import Email, InputRequired

from share.auth.passwords import MAX_LENGTH, MIN_LENGTH
from share.forms import Length, optional_int


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[InputRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=MAX_LENGTH)])
    remember = BooleanField(_l("Keep me signed in on this device for a week"))


def _password_field(label):
    return PasswordField(
        label,
        validators=[InputRequired(), Length(min=MIN_LENGTH, max=MAX_LENGTH)],
        description=_l("At least %(min)s characters. A long passphrase is good.", min=MIN_LENGTH),
    )


class UnitChoiceMixin:
    """A unit picker grouped by area; the service decides whether the unit may be chosen."""

    unit_id = SelectField(
        _l("Your unit (preschool or school)"),
        coerce=optional_int,
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose your unit from the list."))],
        description=_l("Your school area follows from the unit."),
    )


class RegistrationForm(UnitChoiceMixin, FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=120)])
    email = EmailField(
        _l("Work e-mail address"),
        validators=[InputRequired(), Length(max=254), Email()],
    )
    password = _password_field(_l("Password"))


class ProfileForm(UnitChoiceMixin, FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=120)])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"), validators=[InputRequired(), Length(max=MAX_LENGTH)]
    )
    password = _password_field(_l("New password"))


class ReauthenticateForm(FlaskForm):
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=MAX_LENGTH)])


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[InputRequired(), Length(max=254), Email()])


class ResetPasswordForm(FlaskForm):
    password = _password_field(_l("New password"))
