"""Small helpers shared by the feature forms and views."""

from flask import flash
from wtforms import SelectChoice

from share.rules import DomainError


def optional_int(value) -> int | None:
    """Coerce a select's raw value to an id; anything that is not digits becomes None."""
    return int(value) if str(value).isdigit() else None


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
