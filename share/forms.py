"""Small helpers shared by the feature forms and views."""

from flask import flash
from flask_babel import format_number
from flask_babel import gettext as _
from werkzeug.routing import IntegerConverter
from wtforms import SelectChoice, ValidationError, validators

from share.rules import DomainError

#: The largest id a row can have: PostgreSQL's integer. A bigger number in a URL or a form
#: names nothing, and the database would refuse to compare with it.
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: a number past MAX_ID matches no route, so it is a 404."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002 (werkzeug's parameter name)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


class Length(validators.Length):
    """WTForms' Length (and its minlength/maxlength attributes), with its numbers written
    in the page's language: "Högst 5 000 tecken.", not WTForms' "5000"."""

    def __call__(self, form, field) -> None:
        length = len(field.data or "")
        if self.message is None and length < self.min:
            raise ValidationError(_("At least %(min)s characters.", min=format_number(self.min)))
        if self.message is None and self.max != -1 and length > self.max:
            raise ValidationError(_("At most %(max)s characters.", max=format_number(self.max)))
        super().__call__(form, field)


def optional_int(value) -> int | None:
    """Coerce a select's raw value to an id; anything that is not an id becomes None."""
    return int(value) if str(value).isdigit() and int(value) <= MAX_ID else None


def grouped_choices(rows, placeholder: str) -> list[SelectChoice]:
    """Select options from (value, label, group) rows, after a "choose…" option."""
    return [SelectChoice("", placeholder)] + [
        SelectChoice(str(value), label, optgroup=group) for value, label, group in rows
    ]


def show_domain_error(form, error: DomainError) -> None:
    """Put a service's DomainError on the form field it names, else flash it."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(str(error.message), "error")
