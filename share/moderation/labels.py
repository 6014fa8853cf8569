"""What a reader sees for resolutions, and for the audit log's actions and object types.

The log stores plain codes ("material.hidden"); an action that has no label here is shown
as its code, so a feature that logs a new action is never hidden from the log.
"""

from flask_babel import lazy_gettext as _l

from share.moderation.models import Resolution
from share.vocabularies.registry import VOCABULARIES

RESOLUTION_LABELS = {
    Resolution.HIDDEN: _l("Hidden"),
    Resolution.RESTORED: _l("Shown again"),
    Resolution.DISMISSED: _l("Dismissed, kept as it is"),
}

ACTION_LABELS = {
    "material.hidden": _l("Material hidden"),
    "material.shown": _l("Material shown again"),
    "material.purged": _l("Material deleted for good"),
    "material.research_confirmed": _l("Research basis confirmed"),
    "try_report.hidden": _l("Try report hidden"),
    "try_report.shown": _l("Try report shown again"),
    "comment.hidden": _l("Comment hidden"),
    "comment.shown": _l("Comment shown again"),
    "feedback.hidden": _l("Feedback hidden"),
    "feedback.shown": _l("Feedback shown again"),
    "flag.dismissed": _l("Reports dismissed"),
    "user.activated": _l("Account activated"),
    "user.deactivated": _l("Account deactivated"),
    "user.role_teacher": _l("Role set to teacher"),
    "user.role_editor": _l("Role set to editor"),
    "user.role_admin": _l("Role set to administrator"),
    "user.storage_quota": _l("Storage quota changed"),
    "area.added": _l("Area added"),
    "area.renamed": _l("Area renamed"),
    "area.retired": _l("Area retired"),
    "area.reopened": _l("Area in use again"),
    "area.changed": _l("Area changed"),
    "unit.added": _l("Unit added"),
    "unit.renamed": _l("Unit renamed"),
    "unit.moved": _l("Unit moved to another area"),
    "unit.retired": _l("Unit retired"),
    "unit.reopened": _l("Unit in use again"),
    "unit.changed": _l("Unit changed"),
    "term.added": _l("Term added"),
    "term.renamed": _l("Term renamed"),
    "term.described": _l("Term description changed"),
    "term.retired": _l("Term retired"),
    "term.reopened": _l("Term in use again"),
    "term.moved": _l("Term moved in the list"),
    "synonyms.added": _l("Synonyms added"),
    "synonyms.removed": _l("Synonyms removed"),
}

OBJECT_TYPE_LABELS = {
    "material": _l("Material"),
    "try_report": _l("Try report"),
    "comment": _l("Comment"),
    "feedback": _l("Feedback"),
    "user": _l("Account"),
    "area": _l("Area"),
    "unit": _l("Unit"),
    "synonym_group": _l("Synonym group"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def object_type_label(object_type: str) -> str:
    """Vocabulary terms are logged under their table; those read as the vocabulary."""
    if object_type in OBJECT_TYPE_LABELS:
        return str(OBJECT_TYPE_LABELS[object_type])
    for vocabulary in VOCABULARIES:
        if vocabulary.model.__tablename__ == object_type:
            return str(vocabulary.label)
    return object_type
