from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import (
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length

from share.materials.models import Licence, MaterialKind, MaterialStatus

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


#: The history's names for the fields of a snapshot (see services.snapshot).
FIELD_LABELS = {
    "kind": _l("Kind"),
    "title": _l("Title"),
    "summary": _l("Summary"),
    "body": _l("Description"),
    "research_basis": _l("Research basis / references"),
    "licence": _l("Licence"),
    "status": _l("Status"),
    "core_processes": _l("Core processes"),
    "school_forms": _l("School forms"),
    "subjects": _l("Subjects"),
    "tags": _l("Tags"),
    "files": _l("Files"),
}


class MaterialForm(FlaskForm):
    kind = RadioField(
        _l("What are you sharing?"),
        choices=[SelectChoice(kind.value, label) for kind, label in KIND_LABELS.items()],
        default=MaterialKind.METHOD.value,
        validators=[InputRequired()],
        description=_l("A method is a way of teaching; a material is something to teach with."),
    )
    title = StringField(_l("Title"), validators=[InputRequired(), Length(max=200)])
    summary = TextAreaField(
        _l("Summary"),
        validators=[InputRequired(), Length(max=600)],
        description=_l("One or two sentences: what it is and who it is for."),
    )
    body = TextAreaField(
        _l("Description"),
        validators=[Length(max=50_000)],
        description=_l(
            "How you did it and how it went. Markdown works: **bold**, *italic*, lists with -, "
            "links as [text](https://…)."
        ),
    )
    research_basis = TextAreaField(
        _l("Research basis / references"),
        validators=[Length(max=20_000)],
        description=_l("For methods: the research or proven experience it builds on."),
    )
    core_process_ids = SelectMultipleField(
        _l("Core processes"),
        coerce=int,
        validators=[InputRequired(message=_l("Choose at least one core process."))],
        description=_l("At least one."),
    )
    school_form_ids = SelectMultipleField(_l("School forms"), coerce=int)
    subject_ids = SelectMultipleField(_l("Subjects"), coerce=int)
    tags = StringField(
        _l("Tags"),
        validators=[Length(max=1000)],
        description=_l("Separate with commas, e.g. reading, pair work."),
    )
    licence = RadioField(
        _l("Licence"),
        choices=[SelectChoice(licence.value, label) for licence, label in LICENCE_LABELS.items()],
        default=Licence.CC_BY.value,
        validators=[InputRequired()],
    )
    files = MultipleFileField(
        _l("Files"),
        description=_l("PDF, Word, PowerPoint, Excel, OpenDocument, text, images, sound or video."),
    )


class UploadForm(FlaskForm):
    files = MultipleFileField(_l("Add files"), validators=[InputRequired()])
