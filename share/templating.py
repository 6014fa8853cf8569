"""Names and filters every template may use, registered on the app by the factory."""

from babel.dates import get_month_names
from babel.units import format_unit
from flask import Flask, current_app
from flask_babel import get_locale
from flask_login import current_user

from share.auth.models import Role
from share.feedback.labels import FEEDBACK_KIND_LABELS
from share.feedback.text import linked_text
from share.materials.labels import (
    FIELD_LABELS,
    KIND_LABELS,
    LICENCE_LABELS,
    LICENCE_MEANINGS,
    LICENCE_TERMS,
    STATUS_LABELS,
)
from share.materials.models import MaterialStatus
from share.notifications.services import unread_count
from share.tries.labels import BASIS_LABELS, EVIDENCE_LABELS, OUTCOME_LABELS
from share.vocabularies.registry import MATERIAL_VOCABULARIES, VOCABULARIES


def field_label(key: str) -> str:
    """The history's name for a field of a material's snapshot."""
    return str(FIELD_LABELS.get(key, key))


def month_name(number: int) -> str:
    """The month's name in the page's language ("mars")."""
    return get_month_names("wide", locale=get_locale())[number]


#: Decimal units, as file managers and Jinja's own filesizeformat count them.
_SIZE_UNITS = ("digital-kilobyte", "digital-megabyte", "digital-gigabyte", "digital-terabyte")


def filesize(size: int) -> str:
    """A file size in the page's language: "90 byte", "60,8 kB" in Swedish; "90 bytes",
    "60.8 kB" in English."""
    locale = get_locale()
    if size < 1000:
        return format_unit(size, "digital-byte", length="long", locale=locale)
    value, unit = size / 1000, 0
    # Rounded, as it is written: 999,96 kB is "1 MB", not "1 000 kB".
    while round(value, 1) >= 1000 and unit < len(_SIZE_UNITS) - 1:
        value /= 1000
        unit += 1
    return format_unit(value, _SIZE_UNITS[unit], length="short", format="#,##0.#", locale=locale)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        Role=Role,
        MaterialStatus=MaterialStatus,
        vocabularies=VOCABULARIES,
        material_vocabularies=MATERIAL_VOCABULARIES,
        kind_labels=KIND_LABELS,
        licence_labels=LICENCE_LABELS,
        licence_meanings=LICENCE_MEANINGS,
        licence_terms=LICENCE_TERMS,
        status_labels=STATUS_LABELS,
        evidence_labels=EVIDENCE_LABELS,
        outcome_labels=OUTCOME_LABELS,
        basis_labels=BASIS_LABELS,
        feedback_kind_labels=FEEDBACK_KIND_LABELS,
        month_name=month_name,
    )
    app.jinja_env.filters["field_label"] = field_label
    app.jinja_env.filters["linked_text"] = linked_text
    # Numbers go through Flask-Babel's `numberformat`; sizes through this one.
    app.jinja_env.filters["filesize"] = filesize

    @app.context_processor
    def per_request():
        return {
            "max_upload_mb": current_app.config["MAX_UPLOAD_MB"],
            # A function, so only pages that show the menu count.
            "unread_notifications": lambda: (
                unread_count(current_user) if current_user.is_authenticated else 0
            ),
        }
