"""Names and filters every template may use, registered on the app by the factory."""

from datetime import UTC, datetime

from babel.dates import get_month_names
from flask import Flask, current_app
from flask_babel import get_locale
from flask_login import current_user

from share.auth.models import Role
from share.feedback.labels import FEEDBACK_KIND_LABELS
from share.feedback.text import linked_text
from share.i18n import format_size
from share.materials.labels import (
    FIELD_LABELS,
    KIND_LABELS,
    LICENCE_LABELS,
    LICENCE_MEANINGS,
    LICENCE_TERMS,
    STATUS_LABELS,
)
from share.materials.markdown import render_markdown
from share.materials.models import MaterialStatus
from share.materials.quota import storage_usage
from share.notifications.services import unread_count
from share.tries.labels import BASIS_LABELS, EVIDENCE_LABELS, OUTCOME_LABELS
from share.vocabularies.registry import MATERIAL_VOCABULARIES, VOCABULARIES


def field_label(key: str) -> str:
    """The history's name for a field of a material's snapshot."""
    return str(FIELD_LABELS.get(key, key))


def html_datetime(moment: datetime) -> str:
    """The moment as an HTML `datetime` attribute wants it: UTC to the second
    ("2026-03-01T09:30:00Z"). HTML allows at most three digits of a second's fraction, and
    Python's isoformat gives six. A naive moment is UTC: that is how Dela stores them (SQLite
    gives them back without a zone)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def month_name(number: int) -> str:
    """The month's name in the page's language ("mars")."""
    return get_month_names("wide", locale=get_locale())[number]


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
        storage_usage=storage_usage,
    )
    app.jinja_env.filters["field_label"] = field_label
    app.jinja_env.filters["html_datetime"] = html_datetime
    # `text | markdown(under=2)`: where the text sits decides its headings' levels.
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["linked_text"] = linked_text
    # Numbers go through Flask-Babel's `numberformat`; sizes through this one.
    app.jinja_env.filters["filesize"] = format_size

    @app.context_processor
    def per_request():
        return {
            "max_upload_mb": current_app.config["MAX_UPLOAD_MB"],
            # A function, so only pages that show the menu count.
            "unread_notifications": lambda: (
                unread_count(current_user) if current_user.is_authenticated else 0
            ),
        }
