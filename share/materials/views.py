"""Sharing, showing and changing one material, and its files."""

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from share.auth.guards import login_required
from share.errors import wants_json
from share.extensions import db
from share.feedback.services import COMMENT_PAGE, material_feedback, revised_after_feedback
from share.forms import show_domain_error
from share.i18n import current_language
from share.materials import services
from share.materials.forms import MaterialForm, UploadForm
from share.materials.models import Licence, Material, MaterialKind, MaterialStatus
from share.materials.permissions import (
    attachment_of,
    can_change_status,
    can_edit,
    can_moderate,
    get_material,
)
from share.materials.tags import parse_tags, suggest_tags
from share.paging import page_number
from share.rules import DomainError, NotFound
from share.storage.backends import StorageUnavailable
from share.storage.errors import FileRefused, FileTooLarge, StorageFull, StorageUnreachable
from share.storage.names import download_name
from share.storage.serving import download_link, stored_file_response
from share.tries.services import material_tries
from share.variants.services import material_variants
from share.vocabularies.registry import MATERIAL_VOCABULARIES

bp = Blueprint("materials", __name__)

#: A sandbox for downloads: a file opened in the browser can run nothing and reach nothing.
DOWNLOAD_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _set_choices(form: MaterialForm, material: Material | None = None) -> None:
    """Offer the terms in use, plus retired ones the material already carries."""
    language = current_language()
    for vocabulary in MATERIAL_VOCABULARIES:
        kept = getattr(material, vocabulary.relation) if material else []
        form[vocabulary.form_field].choices = [
            SelectChoice(term.id, term.name_in(language)) for term in vocabulary.offered(kept)
        ]


def _draft(form: MaterialForm) -> services.MaterialDraft:
    return services.MaterialDraft(
        kind=MaterialKind(form.kind.data),
        title=form.title.data,
        summary=form.summary.data,
        licence=Licence(form.licence.data),
        body=form.body.data or "",
        research_basis=form.research_basis.data or "",
        terms={v.key: form[v.form_field].data or [] for v in MATERIAL_VOCABULARIES},
        tags=parse_tags(form.tags.data),
    )


def _form_data(material: Material) -> dict:
    return {
        "kind": material.kind.value,
        "title": material.title,
        "summary": material.summary,
        "body": material.body,
        "research_basis": material.research_basis,
        "licence": material.licence.value,
        **{
            v.form_field: [term.id for term in getattr(material, v.relation)]
            for v in MATERIAL_VOCABULARIES
        },
        "tags": ", ".join(tag.name for tag in material.tags),
    }


def _uploads(files) -> list[services.Upload]:
    """The files chosen (the form's field keeps only real, named file parts)."""
    return [services.Upload(file.stream, file.filename) for file in files or []]


def _refusal_status(error: DomainError, otherwise: int = 200) -> int:
    """413 for a file refused for its size, 507 when the disk is full, 503 when the file
    store cannot be reached, 422 for a file refused for anything else (the form is still
    shown, as typed), `otherwise` for other mistakes."""
    if isinstance(error, FileTooLarge):
        return 413
    if isinstance(error, StorageFull):
        return 507
    if isinstance(error, StorageUnreachable):
        return 503
    return 422 if isinstance(error, FileRefused) else otherwise


def _to_material_page(material: Material):
    """After a save: a redirect, or for the form's script (which cannot see a redirect
    without following it, and so using up the flashed message) where to go."""
    url = url_for("materials.show", material_id=material.id)
    return jsonify(ok=True, url=url) if wants_json() else redirect(url)


def _saved_message(material: Material) -> str:
    if material.status == MaterialStatus.PUBLISHED:
        return _("The material is published. Thank you for sharing!")
    return _("The material is saved as a draft. Only you can see it.")


@bp.route("/material/ny", methods=["GET", "POST"])
@login_required
def create():
    form = MaterialForm()
    _set_choices(form)
    status = 200
    if form.validate_on_submit():
        try:
            material = services.create_material(
                current_user,
                _draft(form),
                publish=request.form.get("action") == "publish",
                uploads=_uploads(form.files.data),
            )
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
            status = _refusal_status(error)
        else:
            db.session.commit()
            flash(_saved_message(material), "success")
            return _to_material_page(material)
    return render_template("materials/edit.html", form=form, material=None), status


@bp.route("/material/<int:material_id>/redigera", methods=["GET", "POST"])
@login_required
def edit(material_id: int):
    material = get_material(material_id, current_user, for_edit=True)
    # The material fills the form only when it is first shown: a field missing from a
    # post is missing, not the material's value in another shape.
    form = MaterialForm(data=None if request.method == "POST" else _form_data(material))
    _set_choices(form, material)
    status = 200
    if form.validate_on_submit():
        try:
            services.update_material(
                material,
                current_user,
                _draft(form),
                uploads=_uploads(form.files.data),
                publish=request.form.get("action") == "publish",
            )
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
            status = _refusal_status(error)
        else:
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            return _to_material_page(material)
    return render_template("materials/edit.html", form=form, material=material), status


@bp.get("/material/<int:material_id>")
@login_required
def show(material_id: int):
    return _material_page(get_material(material_id, current_user), UploadForm())


def _material_page(material: Material, upload_form: UploadForm, status: int = 200):
    return render_template(
        "materials/show.html",
        material=material,
        duplicates={
            attachment.id: services.same_file_elsewhere(attachment, current_user)
            for attachment in material.attachments
        },
        may_edit=can_edit(current_user, material),
        may_change_status=can_change_status(current_user, material),
        may_moderate=can_moderate(current_user, material),
        upload_form=upload_form,
        tries=material_tries(material, current_user, page=page_number()),
        variants=material_variants(material, current_user),
        feedback=material_feedback(material, current_user, comment_page=page_number(COMMENT_PAGE)),
    ), status


_STATUS_ACTIONS = {
    "publicera": (services.publish_material, lambda: _("The material is published.")),
    "avpublicera": (
        services.unpublish_material,
        lambda: _("The material is unpublished and back among your drafts."),
    ),
    "ta-bort": (services.remove_material, lambda: _("The material is removed.")),
}


@bp.post("/material/<int:material_id>/<any(publicera, avpublicera, 'ta-bort'):action>")
@login_required
def change_status(material_id: int, action: str):
    material = get_material(material_id, current_user)
    change, message = _STATUS_ACTIONS[action]
    try:
        change(material, current_user)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(message(), "success")
    if material.status == MaterialStatus.REMOVED:
        return redirect(url_for("browse.mine"))
    return redirect(url_for("materials.show", material_id=material.id))


@bp.post("/material/<int:material_id>/<any(dolj, visa):action>")
@login_required
def moderate(material_id: int, action: str):
    material = get_material(material_id, current_user)
    try:
        services.set_hidden(material, current_user, hidden=action == "dolj")
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(
            _("The material is hidden.") if action == "dolj" else _("The material is shown again."),
            "success",
        )
    return redirect(url_for("materials.show", material_id=material.id))


@bp.post("/material/<int:material_id>/filer")
@login_required
def upload(material_id: int):
    """Add files; the page's script sends one file per request to show progress per file."""
    material = get_material(material_id, current_user, for_edit=True)
    form = UploadForm()
    try:
        services.attach_files(
            material, current_user, _uploads(form.files.data) if form.validate() else []
        )
    except DomainError as error:
        db.session.rollback()
        status = _refusal_status(error, otherwise=400)
        if wants_json():
            return jsonify(ok=False, message=str(error.message)), status
        # The service's reason replaces WTForms' "required" for a post without files.
        form.files.errors = [error.message]
        return _material_page(material, form, status)
    db.session.commit()
    if wants_json():
        return jsonify(ok=True)
    flash(_("The files are added."), "success")
    return redirect(url_for("materials.show", material_id=material.id, _anchor="filer"))


@bp.post("/material/<int:material_id>/filer/<int:attachment_id>/ta-bort")
@login_required
def detach(material_id: int, attachment_id: int):
    material = get_material(material_id, current_user, for_edit=True)
    try:
        services.detach_file(material, current_user, attachment_id)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("The file is taken off the material."), "success")
    return redirect(url_for("materials.show", material_id=material.id, _anchor="filer"))


@bp.get("/material/<int:material_id>/filer/<int:attachment_id>")
@login_required
def download(material_id: int, attachment_id: int):
    material = get_material(material_id, current_user)
    attachment = attachment_of(material, attachment_id)
    stored = attachment.stored_file
    name = download_name(attachment.display_name, stored.file_type)
    try:
        link = download_link(stored, name)
        response = None if link else stored_file_response(stored, download_name=name)
    except FileNotFoundError:
        raise NotFound from None
    except StorageUnavailable:
        abort(503)
    if request.method == "GET" and request.range is None:
        # A HEAD or a resumed download (Range) is not another download.
        services.count_downloads(attachment)
        db.session.commit()
    if link:
        return redirect(link, code=303)
    response.headers["Content-Security-Policy"] = DOWNLOAD_CSP
    return response


@bp.get("/material/<int:material_id>/filer/<int:attachment_id>/miniatyr")
@login_required
def thumbnail(material_id: int, attachment_id: int):
    material = get_material(material_id, current_user)
    stored = attachment_of(material, attachment_id).stored_file
    if not stored.has_thumbnail:
        raise NotFound
    try:
        response = stored_file_response(stored, thumbnail=True, max_age=3600)
    except FileNotFoundError:
        raise NotFound from None
    except StorageUnavailable:
        abort(503)
    response.headers["Content-Security-Policy"] = DOWNLOAD_CSP
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@bp.get("/material/<int:material_id>/historik")
@login_required
def history(material_id: int):
    material = get_material(material_id, current_user, for_edit=True)
    revisions = [
        (revision, services.changed_fields(revision)) for revision in reversed(material.revisions)
    ]
    return render_template(
        "materials/history.html",
        material=material,
        revisions=revisions,
        feedback_counts=revised_after_feedback(material),
    )


@bp.get("/material/<int:material_id>/historik/<int:number>")
@login_required
def revision(material_id: int, number: int):
    material = get_material(material_id, current_user, for_edit=True)
    found = next((r for r in material.revisions if r.number == number), None)
    if found is None:
        raise NotFound
    return render_template(
        "materials/revision.html",
        material=material,
        revision=found,
    )


@bp.get("/api/v1/taggar")
@login_required
def tag_suggestions():
    return jsonify(tags=suggest_tags(request.args.get("prefix", "")[:40]))
