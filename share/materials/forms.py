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
from wtforms.validators import InputRequired

from share.forms import Length
from share.materials.labels import KIND_LABELS, LICENCE_LABELS
from share.materials.models import Licence, MaterialKind
from share.vocabularies.registry import MATERIAL_VOCABULARIES


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


# One field per vocabulary ("core_process_ids", …); their choices are set per request.
for _vocabulary in MATERIAL_VOCABULARIES:
    setattr(
        MaterialForm,
        _vocabulary.form_field,
        SelectMultipleField(
            _vocabulary.label,
            coerce=int,
            validators=[InputRequired(message=_vocabulary.required_message)]
            if _vocabulary.required
            else [],
            description=_vocabulary.description,
        ),
    )


class UploadForm(FlaskForm):
    files = MultipleFileField(_l("Add files"), validators=[InputRequired()])
