from flask import Blueprint, jsonify, url_for
from flask_login import current_user

from share.auth.guards import login_required
from share.i18n import current_language
from share.materials.permissions import get_material
from share.tries.services import evidence_of
from share.vocabularies.registry import MATERIAL_VOCABULARIES

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.get("/materials/<int:material_id>")
@login_required
def material(material_id: int):
    """A material the caller may see, its terms, evidence level and report summary."""
    found = get_material(material_id, current_user)
    evidence = evidence_of(found)
    language = current_language()
    return jsonify(
        id=found.id,
        url=url_for("materials.show", material_id=found.id, _external=True),
        kind=found.kind.value,
        status=found.status.value,
        title=found.title,
        summary=found.summary,
        body=found.body,
        research_basis=found.research_basis,
        licence=found.licence.value,
        author=found.author.name,
        unit=found.unit.name if found.unit else None,
        area=found.area.name if found.area else None,
        published_at=found.published_at.isoformat() if found.published_at else None,
        updated_at=found.updated_at.isoformat(),
        tags=[tag.name for tag in found.tags],
        **{
            vocabulary.relation: [
                {"slug": term.slug, "name": term.name_in(language)}
                for term in getattr(found, vocabulary.relation)
            ]
            for vocabulary in MATERIAL_VOCABULARIES
        },
        evidence={
            "level": evidence.level.value,
            "tried_by": evidence.tried_by,
            "units": evidence.units,
            "areas": evidence.areas,
            "went_well": evidence.went_well,
            "went_partly": evidence.went_partly,
            "did_not_work": evidence.went_badly,
            "research_confirmed_at": found.research_confirmed_at.isoformat()
            if found.research_confirmed_at
            else None,
        },
        files=[
            {
                "name": attachment.display_name,
                "type": attachment.stored_file.file_type,
                "size": attachment.stored_file.size,
                "url": url_for(
                    "materials.download",
                    material_id=found.id,
                    attachment_id=attachment.id,
                    _external=True,
                ),
            }
            for attachment in found.attachments
        ],
    )
