"""Names and filters every template may use, registered on the app by the factory."""

from flask import Flask, current_app

from share.auth.models import Role
from share.materials.labels import (
    FIELD_LABELS,
    KIND_LABELS,
    LICENCE_LABELS,
    LICENCE_MEANINGS,
    STATUS_LABELS,
)
from share.materials.models import MaterialStatus
from share.vocabularies.registry import VOCABULARIES


def field_label(key: str) -> str:
    """The history's name for a field of a material's snapshot."""
    return str(FIELD_LABELS.get(key, key))


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        Role=Role,
        MaterialStatus=MaterialStatus,
        vocabularies=VOCABULARIES,
        kind_labels=KIND_LABELS,
        licence_labels=LICENCE_LABELS,
        licence_meanings=LICENCE_MEANINGS,
        status_labels=STATUS_LABELS,
    )
    app.jinja_env.filters["field_label"] = field_label

    @app.context_processor
    def upload_limits():
        return {"max_upload_mb": current_app.config["MAX_UPLOAD_MB"]}
