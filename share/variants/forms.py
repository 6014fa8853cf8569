from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import InputRequired

from share.forms import optional_int


class VariantForm(FlaskForm):
    """ "Gör en variant": only the type is chosen; the rest is copied from the original."""

    variant_type_id = SelectField(
        _l("What is the variant for?"),
        coerce=optional_int,
        validators=[InputRequired(message=_l("Choose what the variant is for."))],
        # The choices are the variant types on offer: the service checks the one sent.
        validate_choice=False,
    )
