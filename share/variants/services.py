"""The rules for variants: anyone who can see a published material may adapt it, where its
licence permits; the variant starts as their own draft copy, credited to the original.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from share.auth.models import User
from share.extensions import db
from share.materials.models import Attachment, Material, MaterialStatus
from share.materials.permissions import can_view
from share.materials.services import MaterialDraft, create_material, snapshot
from share.notifications.models import NotificationKind
from share.notifications.services import notify
from share.rules import DomainError
from share.variants.models import MaterialVariant
from share.vocabularies.models import VariantType
from share.vocabularies.registry import MATERIAL_VOCABULARIES, by_key

#: The material page's anchor of the variants section.
ANCHOR = "varianter"
#: Room for a title in the database (share/materials/models.py).
MAX_TITLE = 200


class VariantError(DomainError):
    """A rule about variants was broken."""


def variant_types(*, include_retired: bool = False) -> list[VariantType]:
    """The variant types offered for new variants, in the admin's order."""
    return by_key("variant_type").terms(include_retired=include_retired)


def refusal(material: Material):
    """Why no variant can be made of `material` (by anyone who can see it), or None."""
    if material.status != MaterialStatus.PUBLISHED:
        return _l("Only a published material can be adapted.")
    if not material.licence.permits_adaptations:
        return _l(
            "The material's licence does not permit changed versions, so no variant can be "
            "made of it."
        )
    return None


def variant_title(original: Material, variant_type: VariantType) -> str:
    """ "Bildstöd: <the original's title>", within the room a title has."""
    prefix = f"{variant_type.name_sv}: "
    title = original.title
    if len(prefix) + len(title) > MAX_TITLE:
        title = title[: MAX_TITLE - len(prefix) - 1].rstrip() + "…"
    return prefix + title


def _copy(original: Material, variant_type: VariantType) -> MaterialDraft:
    """The original's content as a new material's draft. Its terms in use are copied (a new
    material cannot be given retired ones); its licence is kept, as CC BY-SA requires."""
    return MaterialDraft(
        kind=original.kind,
        title=variant_title(original, variant_type),
        summary=original.summary,
        licence=original.licence,
        body=original.body,
        research_basis=original.research_basis,
        terms={
            vocabulary.key: [
                term.id for term in getattr(original, vocabulary.relation) if not term.retired
            ]
            for vocabulary in MATERIAL_VOCABULARIES
        },
        tags=[tag.name for tag in original.tags],
    )


def make_variant(original: Material, user: User, variant_type_id: int | None) -> Material:
    """A new draft by `user`, copied from `original` with its files and linked to it as a
    variant of the type chosen; the original's author is told. The caller has checked that
    `user` may see `original` (share.materials.permissions.get_material).

    :raise VariantError: when the original is not published, its licence does not permit
        changed versions, or the variant type is not one on offer.
    """
    refused = refusal(original)
    if refused is not None:
        raise VariantError(refused)
    variant_type = db.session.get(VariantType, variant_type_id) if variant_type_id else None
    if variant_type is None or variant_type.retired:
        raise VariantError(_l("Choose what the variant is for."), field="variant_type_id")
    variant = create_material(user, _copy(original, variant_type))
    for attachment in original.attachments:
        # The same stored content (files are kept once per SHA-256), a new name on it.
        db.session.add(
            Attachment(
                material=variant,
                stored_file=attachment.stored_file,
                display_name=attachment.display_name,
                added_by=user,
            )
        )
    db.session.add(
        MaterialVariant(variant=variant, original=original, variant_type=variant_type, made_by=user)
    )
    db.session.flush()
    # The first version of the variant is the whole copy, files included.
    variant.revisions[0].snapshot = snapshot(variant)
    notify(
        original.author,
        NotificationKind.VARIANT_MADE,
        actor=user,
        material=original,
        anchor=ANCHOR,
        note=variant_type.name_sv,
    )
    return variant


@dataclass
class Origin:
    """What a variant's page says of the material it builds on."""

    link: MaterialVariant
    #: Whether the viewer may see the original (and so its title, author and link).
    visible: bool


@dataclass
class MaterialVariants:
    """What the material page shows of its variants to one viewer."""

    #: When the material is itself a variant: what it builds on.
    origin: Origin | None
    #: Its variants the viewer may see, oldest first.
    variants: list[MaterialVariant]
    #: Why the viewer cannot make a variant of it, or None when they can.
    refusal: object
    #: The variant types to choose from, when the viewer can make one.
    types: list[VariantType] = field(default_factory=list)

    @property
    def may_make(self) -> bool:
        return self.refusal is None


def origin_of(material: Material) -> MaterialVariant | None:
    """The link to the material's original, if it is a variant."""
    statement = (
        select(MaterialVariant)
        .where(MaterialVariant.variant_id == material.id)
        .options(
            selectinload(MaterialVariant.original).selectinload(Material.author),
            selectinload(MaterialVariant.variant_type),
        )
    )
    return db.session.execute(statement).scalar_one_or_none()


def visible_variants(material: Material, viewer: User) -> list[MaterialVariant]:
    """The variants of `material` that `viewer` may see, oldest first."""
    statement = (
        select(MaterialVariant)
        .where(MaterialVariant.original_id == material.id)
        .order_by(MaterialVariant.created_at, MaterialVariant.id)
        .options(
            selectinload(MaterialVariant.variant).selectinload(Material.author),
            selectinload(MaterialVariant.variant_type),
        )
    )
    links = db.session.execute(statement).scalars()
    return [link for link in links if can_view(viewer, link.variant)]


def material_variants(material: Material, viewer: User) -> MaterialVariants:
    link = origin_of(material)
    refused = refusal(material)
    return MaterialVariants(
        origin=Origin(link, can_view(viewer, link.original)) if link else None,
        variants=visible_variants(material, viewer),
        refusal=refused,
        types=variant_types() if refused is None else [],
    )


def published_variant_types(material: Material) -> list[str]:
    """The slugs of what the material's published variants are for: the search facet
    "har variant för …". Reads `material.variant_links`, which search loads for a whole
    batch of materials at once."""
    return sorted(
        {
            link.variant_type.slug
            for link in material.variant_links
            if link.variant.status == MaterialStatus.PUBLISHED
        }
    )
