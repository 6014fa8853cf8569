from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, InputRequired, NumberRange, Optional

from share.auth.models import Role
from share.forms import Length, optional_int
from share.materials.quota import MAX_QUOTA_MB
from share.schools.models import UnitKind

ROLE_LABELS = {
    Role.TEACHER: _l("Teacher"),
    Role.EDITOR: _l("Editor"),
    Role.ADMIN: _l("Administrator"),
}

UNIT_KIND_LABELS = {
    UnitKind.PRESCHOOL: _l("Preschool"),
    UnitKind.SCHOOL: _l("School"),
}


class UserRoleForm(FlaskForm):
    role = SelectField(
        _l("Role"), choices=[SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()]
    )


class UserQuotaForm(FlaskForm):
    #: Megabytes; empty gives the user the site's default.
    quota_mb = IntegerField(
        _l("Storage quota (MB)"), validators=[Optional(), NumberRange(min=0, max=MAX_QUOTA_MB)]
    )


class UserActiveForm(FlaskForm):
    active = HiddenField(validators=[AnyOf(["0", "1"])])


class AreaForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=120)])
    retired = BooleanField(_l("Retired (takes no new units)"))


class UnitForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=120)])
    kind = SelectField(
        _l("Kind"),
        choices=[SelectChoice(kind.value, label) for kind, label in UNIT_KIND_LABELS.items()],
    )
    area_id = SelectField(
        _l("Area"),
        coerce=optional_int,
        validate_choice=False,
    )
    retired = BooleanField(_l("Retired (takes no new members)"))


class TermForm(FlaskForm):
    name_sv = StringField(_l("Name in Swedish"), validators=[InputRequired(), Length(max=160)])
    name_en = StringField(_l("Name in English"), validators=[Length(max=160)])
    description_sv = TextAreaField(_l("Description in Swedish"), validators=[Length(max=2000)])
    description_en = TextAreaField(_l("Description in English"), validators=[Length(max=2000)])


class SynonymForm(FlaskForm):
    terms = StringField(
        _l("Words or phrases that should find each other"),
        validators=[InputRequired(), Length(max=1000)],
        description=_l("Separate with commas, e.g. NPF, neuropsykiatrisk funktionsnedsättning."),
    )


class MoveForm(FlaskForm):
    direction = HiddenField(validators=[AnyOf(["up", "down"])])


class RetireForm(FlaskForm):
    retired = HiddenField(validators=[AnyOf(["0", "1"])])
