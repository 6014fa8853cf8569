"""Who may see and change a material: the one place these rules live."""

from share.auth.models import Role, User
from share.extensions import db
from share.materials.models import Attachment, Material, MaterialStatus
from share.rules import NotFound, require


def can_view(user: User, material: Material) -> bool:
    if user.has_role(Role.ADMIN):
        return True
    if material.status == MaterialStatus.PUBLISHED:
        return True
    if material.status == MaterialStatus.REMOVED:
        return False
    if material.author_id == user.id:
        return True
    # Hidden materials stay visible to the editors who moderate their area.
    return material.status == MaterialStatus.HIDDEN and _edits_area(user, material)


def can_edit(user: User, material: Material) -> bool:
    if material.status == MaterialStatus.REMOVED:
        return user.has_role(Role.ADMIN)
    if user.has_role(Role.ADMIN) or material.author_id == user.id:
        return True
    return material.status != MaterialStatus.DRAFT and _edits_area(user, material)


def can_change_status(user: User, material: Material) -> bool:
    """Publish, unpublish and remove: the author's own decisions, and admins'. An editor
    who wants a material out of sight hides it, which its author cannot undo."""
    if material.status == MaterialStatus.REMOVED:
        return False
    return user.has_role(Role.ADMIN) or material.author_id == user.id


def can_moderate(user: User, material: Material) -> bool:
    """Hide and unhide: editors in the material's area and admins."""
    return user.has_role(Role.ADMIN) or _edits_area(user, material)


def can_purge(user: User, material: Material) -> bool:
    """Delete for good: admins only, and only what was removed first."""
    return user.has_role(Role.ADMIN)


def _edits_area(user: User, material: Material) -> bool:
    return (
        user.has_role(Role.EDITOR)
        and material.area_id is not None
        and user.area is not None
        and user.area.id == material.area_id
    )


def get_material(material_id: int, user: User, *, for_edit: bool = False) -> Material:
    """The material, if `user` may see it (and edit it, with `for_edit`).

    :raise NotFound: when it does not exist or the user may not see it (a draft's
        existence is nobody else's business).
    :raise NotAllowed: when the user may see it but not edit it.
    """
    material = db.session.get(Material, material_id)
    if material is None or not can_view(user, material):
        raise NotFound
    if for_edit:
        require(can_edit(user, material))
    return material


def attachment_of(material: Material, attachment_id: int) -> Attachment:
    """:raise NotFound: unless the file is on this material."""
    attachment = next((a for a in material.attachments if a.id == attachment_id), None)
    if attachment is None:
        raise NotFound
    return attachment
