"""The rules for materials: save (text, files, publishing) with history, hide, remove, purge.

Every function checks that the user may do what it does (:raise NotAllowed:), records one
revision and one change per call, and flushes; the request commits once.
"""

from dataclasses import dataclass, field
from typing import BinaryIO

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from share.audit import record_audit
from share.auth.models import User
from share.changes import ChangeKind, record_change
from share.database import utcnow
from share.extensions import db
from share.materials.models import (
    Attachment,
    Licence,
    Material,
    MaterialKind,
    MaterialRevision,
    MaterialStatus,
    Tag,
)
from share.materials.permissions import (
    attachment_of,
    can_change_status,
    can_edit,
    can_moderate,
    can_purge,
    can_view,
)
from share.materials.quota import check_file_counts, check_quota, storage_used
from share.materials.tags import MAX_TAGS, tags_named
from share.rules import DomainError, require
from share.storage.names import clean_display_name
from share.storage.services import delete_stored_file, store_upload
from share.vocabularies.registry import MATERIAL_VOCABULARIES, is_offered


class MaterialError(DomainError):
    """A rule about materials was broken."""


@dataclass
class Upload:
    """A file as it arrives: a binary stream and the name the user's computer gave it."""

    stream: BinaryIO
    filename: str


@dataclass
class MaterialDraft:
    """What a user may set on a material; anything else (author, status) is the service's."""

    kind: MaterialKind
    title: str
    summary: str
    licence: Licence
    body: str = ""
    research_basis: str = ""
    #: Vocabulary key ("core_process") → the ids of the terms chosen.
    terms: dict[str, list[int]] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)

    @classmethod
    def from_material(cls, material: Material) -> "MaterialDraft":
        """The material's content as it is, to change a part of and save."""
        return cls(
            kind=material.kind,
            title=material.title,
            summary=material.summary,
            licence=material.licence,
            body=material.body,
            research_basis=material.research_basis,
            terms={
                v.key: [term.id for term in getattr(material, v.relation)]
                for v in MATERIAL_VOCABULARIES
            },
            tags=[tag.name for tag in material.tags],
        )


def _terms(vocabulary, ids: list[int], kept: list) -> list:
    """The chosen terms of one vocabulary; retired ones only where the material has them."""
    if not ids:
        if vocabulary.required:
            raise MaterialError(vocabulary.required_message, field=vocabulary.form_field)
        return []
    model = vocabulary.model
    terms = db.session.execute(select(model).where(model.id.in_(set(ids)))).scalars().all()
    allowed = [term for term in terms if is_offered(term, kept)]
    if len(allowed) != len(set(ids)):
        raise MaterialError(_l("Choose from the lists only."))
    return sorted(allowed, key=lambda term: term.position)


def _tags(names: list[str]) -> list[Tag]:
    if len(names) > MAX_TAGS:
        raise MaterialError(_l("At most %(max)s tags.", max=MAX_TAGS), field="tags")
    return tags_named(names)


def _apply(material: Material, draft: MaterialDraft) -> None:
    title = " ".join(draft.title.split())
    summary = " ".join(draft.summary.split())
    if not title:
        raise MaterialError(_l("Enter a title."), field="title")
    if not summary:
        raise MaterialError(_l("Write a short summary."), field="summary")
    chosen = {
        vocabulary.relation: _terms(
            vocabulary, draft.terms.get(vocabulary.key, []), getattr(material, vocabulary.relation)
        )
        for vocabulary in MATERIAL_VOCABULARIES
    }
    material.kind = draft.kind
    material.title = title
    material.summary = summary
    material.body = draft.body.strip()
    material.research_basis = draft.research_basis.strip()
    material.licence = draft.licence
    for relation, terms in chosen.items():
        setattr(material, relation, terms)
    material.tags = _tags(draft.tags)


def snapshot(material: Material) -> dict:
    """Every field a reader sees, as plain data, for the history."""
    return {
        "kind": material.kind.value,
        "title": material.title,
        "summary": material.summary,
        "body": material.body,
        "research_basis": material.research_basis,
        "licence": material.licence.value,
        "status": material.status.value,
        **{
            vocabulary.relation: [term.name_sv for term in getattr(material, vocabulary.relation)]
            for vocabulary in MATERIAL_VOCABULARIES
        },
        "tags": [tag.name for tag in material.tags],
        "files": [attachment.display_name for attachment in material.attachments],
    }


def record_revision(material: Material, editor: User) -> MaterialRevision | None:
    """Store a snapshot if anything changed since the last one; returns it, or None."""
    db.session.flush()
    # Two saves at once would both take the same next number: the second waits here for
    # the first to commit, then reads its revision. FOR NO KEY UPDATE, as an UPDATE takes:
    # rows that merely refer to the material are not held up. (SQLite renders no FOR
    # UPDATE; there, whatever the flush above wrote holds the database's one write lock.)
    db.session.execute(
        select(Material.id).where(Material.id == material.id).with_for_update(key_share=True)
    )
    previous = db.session.execute(
        select(MaterialRevision)
        .where(MaterialRevision.material_id == material.id)
        .order_by(MaterialRevision.number.desc())
        .limit(1)
    ).scalar_one_or_none()
    current = snapshot(material)
    if previous is not None and previous.snapshot == current:
        return None
    revision = MaterialRevision(
        material=material,
        number=(previous.number + 1) if previous else 1,
        editor=editor,
        snapshot=current,
    )
    db.session.add(revision)
    # Whatever a reader sees changed (files too, which leave the material's row alone), so
    # its "last changed" and what search shows must follow.
    material.updated_at = utcnow()
    record_change(ChangeKind.MATERIAL_CHANGED, material.id)
    return revision


def changed_fields(revision: MaterialRevision) -> list[str]:
    """The snapshot keys that differ from the revision before it (all, for the first)."""
    revisions = revision.material.revisions
    index = revisions.index(revision)
    if index == 0:
        return []
    before = revisions[index - 1].snapshot
    return [key for key, value in revision.snapshot.items() if before.get(key) != value]


def create_material(
    author: User, draft: MaterialDraft, *, publish: bool = False, uploads: list[Upload] = ()
) -> Material:
    """A new material by `author`, with its files, published at once with `publish`.
    Raises MaterialError or FileRefused."""
    material = Material(author=author, status=MaterialStatus.DRAFT)
    _apply(material, draft)  # before add(): its queries would autoflush a half-made row
    db.session.add(material)
    _save(material, author, uploads, publish)
    return material


def update_material(
    material: Material,
    editor: User,
    draft: MaterialDraft,
    *,
    uploads: list[Upload] = (),
    publish: bool = False,
) -> None:
    """One edit of a material: its fields, added files and, with `publish`, publishing a
    draft; one revision for all of it. Raises NotAllowed, MaterialError or FileRefused."""
    require(can_edit(editor, material))
    if publish:
        require(can_change_status(editor, material))
    _apply(material, draft)
    _save(material, editor, uploads, publish)


def _save(material: Material, user: User, uploads: list[Upload], publish: bool) -> None:
    _attach(material, user, uploads)
    if publish:
        _publish(material)
    record_revision(material, user)


def _publish(material: Material) -> None:
    if material.status != MaterialStatus.DRAFT:
        raise MaterialError(_l("Only a draft can be published."))
    material.status = MaterialStatus.PUBLISHED
    if material.published_at is None:
        material.published_at = utcnow()
        material.unit = material.author.unit
        material.area = material.author.area


def publish_material(material: Material, user: User) -> None:
    require(can_change_status(user, material))
    _publish(material)
    record_revision(material, user)


def unpublish_material(material: Material, user: User) -> None:
    """Back to a draft: out of view, kept for its author."""
    require(can_change_status(user, material))
    if material.status != MaterialStatus.PUBLISHED:
        raise MaterialError(_l("Only a published material can be unpublished."))
    material.status = MaterialStatus.DRAFT
    record_revision(material, user)


def set_hidden(material: Material, user: User, hidden: bool, *, reason: str = "") -> None:
    """Hide or show again: a moderator's act, written to the audit log with `reason`."""
    require(can_moderate(user, material))
    if hidden and material.status != MaterialStatus.PUBLISHED:
        raise MaterialError(_l("Only a published material can be hidden."))
    if not hidden and material.status != MaterialStatus.HIDDEN:
        raise MaterialError(_l("The material is not hidden."))
    material.status = MaterialStatus.HIDDEN if hidden else MaterialStatus.PUBLISHED
    record_revision(material, user)
    action = "material.hidden" if hidden else "material.shown"
    record_audit(user, action, "material", material.id, label=material.title, reason=reason)


def remove_material(material: Material, user: User) -> None:
    """Soft removal: out of every list; its files stay until an admin purges it."""
    require(can_change_status(user, material))
    if material.status == MaterialStatus.REMOVED:
        raise MaterialError(_l("The material is already removed."))
    material.status = MaterialStatus.REMOVED
    record_revision(material, user)


def _attach(material: Material, user: User, uploads: list[Upload]) -> None:
    if not uploads:
        return
    check_file_counts(material, len(uploads))
    used_before = storage_used(material.author)
    for upload in uploads:
        stored = store_upload(upload.stream, upload.filename)
        db.session.add(
            Attachment(
                material=material,
                stored_file=stored,
                display_name=clean_display_name(upload.filename),
                added_by=user,
            )
        )
    db.session.flush()
    check_quota(material.author, user, used_before)


def attach_files(material: Material, user: User, uploads: list[Upload]) -> None:
    """Store the uploads and attach them. Raises NotAllowed, or FileRefused for the first
    refused file."""
    require(can_edit(user, material))
    if not uploads:
        raise MaterialError(_l("Choose at least one file."), field="files")
    _save(material, user, uploads, publish=False)


def detach_file(material: Material, user: User, attachment_id: int) -> None:
    """Take a file off the material; its content goes too unless another material has it.
    Raises NotAllowed, or NotFound for a file that is not on the material."""
    require(can_edit(user, material))
    attachment = attachment_of(material, attachment_id)
    material.attachments.remove(attachment)
    record_revision(material, user)
    _delete_unused({attachment.stored_file})


def _delete_unused(stored_files: set) -> None:
    """Delete the stored files no attachment uses any more (their content goes at commit)."""
    db.session.flush()
    for stored in stored_files:
        still_used = db.session.execute(
            select(Attachment.id).where(Attachment.stored_file_id == stored.id).limit(1)
        ).first()
        if still_used is None:
            delete_stored_file(stored)


def removed_materials() -> list[Material]:
    statement = (
        select(Material)
        .where(Material.status == MaterialStatus.REMOVED)
        .order_by(Material.updated_at.desc())
    )
    return list(db.session.execute(statement).scalars())


def purge_material(material: Material, user: User) -> None:
    """Delete a removed material for good, with its history and the files no one else uses."""
    require(can_purge(user, material))
    if material.status != MaterialStatus.REMOVED:
        raise MaterialError(_l("Only a removed material can be deleted for good."))
    stored_files = {attachment.stored_file for attachment in material.attachments}
    record_audit(user, "material.purged", "material", material.id, label=material.title)
    record_change(ChangeKind.MATERIAL_CHANGED, material.id)
    db.session.delete(material)
    _delete_unused(stored_files)


def same_file_elsewhere(attachment: Attachment, viewer: User) -> list[Material]:
    """Other materials the viewer may see that carry the same content (SHA-256)."""
    statement = (
        select(Material)
        .join(Attachment, Attachment.material_id == Material.id)
        .where(
            Attachment.stored_file_id == attachment.stored_file_id,
            Material.id != attachment.material_id,
        )
        .distinct()
    )
    return [m for m in db.session.execute(statement).scalars() if can_view(viewer, m)]


def count_downloads(attachment: Attachment) -> None:
    # An UPDATE with an expression, so simultaneous downloads all count.
    attachment.download_count = Attachment.download_count + 1
