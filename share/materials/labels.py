"""What a reader sees for a material's fixed choices, and the history's field names."""

from flask_babel import lazy_gettext as _l

from share.materials.models import Licence, MaterialKind, MaterialStatus
from share.vocabularies.registry import MATERIAL_VOCABULARIES

KIND_LABELS = {
    MaterialKind.METHOD: _l("Method"),
    MaterialKind.MATERIAL: _l("Material"),
}

STATUS_LABELS = {
    MaterialStatus.DRAFT: _l("Draft"),
    MaterialStatus.PUBLISHED: _l("Published"),
    MaterialStatus.HIDDEN: _l("Hidden"),
    MaterialStatus.REMOVED: _l("Removed"),
}

LICENCE_LABELS = {
    Licence.CC_BY: _l("CC BY 4.0"),
    Licence.CC_BY_SA: _l("CC BY-SA 4.0"),
    Licence.CC_BY_NC: _l("CC BY-NC 4.0"),
    Licence.CC0: _l("CC0 (no rights reserved)"),
    Licence.MUNICIPALITY_ONLY: _l("Only within the municipality"),
}

#: What each licence means, in plain words, shown on the form and the material page.
LICENCE_MEANINGS = {
    Licence.CC_BY: _l("Anyone may use, share and change it, also commercially, if they name you."),
    Licence.CC_BY_SA: _l(
        "Anyone may use, share and change it if they name you and share their changes under "
        "the same licence."
    ),
    Licence.CC_BY_NC: _l(
        "Anyone may use, share and change it if they name you and do not make money from it."
    ),
    Licence.CC0: _l("You give it away: anyone may do anything with it, without naming you."),
    Licence.MUNICIPALITY_ONLY: _l(
        "Colleagues in the municipality may use and change it in their teaching; it may not "
        "be shared outside the municipality."
    ),
}

#: What each licence lets a reader do, on the material page, where "you" would be the
#: reader: the text names the author to credit instead (%(author)s, filled in there).
LICENCE_TERMS = {
    Licence.CC_BY: _l(
        "Anyone may use, share and change it, also commercially, if they name %(author)s as "
        "its author."
    ),
    Licence.CC_BY_SA: _l(
        "Anyone may use, share and change it if they name %(author)s as its author and share "
        "their changes under the same licence."
    ),
    Licence.CC_BY_NC: _l(
        "Anyone may use, share and change it if they name %(author)s as its author and do not "
        "make money from it."
    ),
    Licence.CC0: _l(
        "%(author)s gave it away: anyone may do anything with it, without naming them."
    ),
    Licence.MUNICIPALITY_ONLY: LICENCE_MEANINGS[Licence.MUNICIPALITY_ONLY],
}


#: The history's names for the fields of a snapshot (see services.snapshot).
FIELD_LABELS = {
    "kind": _l("Kind"),
    "title": _l("Title"),
    "summary": _l("Summary"),
    "body": _l("Description"),
    "research_basis": _l("Research basis / references"),
    "licence": _l("Licence"),
    "status": _l("Status"),
    **{vocabulary.relation: vocabulary.label for vocabulary in MATERIAL_VOCABULARIES},
    "tags": _l("Tags"),
    "files": _l("Files"),
}
