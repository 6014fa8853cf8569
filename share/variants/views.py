from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from share.auth.guards import login_required
from share.extensions import db
from share.materials.permissions import get_material
from share.rules import DomainError
from share.variants import services
from share.variants.forms import VariantForm

bp = Blueprint("variants", __name__)


@bp.post("/material/<int:material_id>/gor-en-variant")
@login_required
def make(material_id: int):
    """ "Gör en variant": a draft copy of the material, then its edit page to adapt it."""
    original = get_material(material_id, current_user)
    form = VariantForm()
    try:
        if not form.validate():
            raise services.VariantError(_("Choose what the variant is for."))
        variant = services.make_variant(original, current_user, form.variant_type_id.data)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("materials.show", material_id=original.id, _anchor=services.ANCHOR))
    db.session.commit()
    flash(
        _(
            "Your variant is saved as a draft that only you can see. Adapt it, then publish "
            "it: its page says what it builds on."
        ),
        "success",
    )
    return redirect(url_for("materials.edit", material_id=variant.id))
