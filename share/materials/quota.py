"""How many files one request and one material may bring, and how much one person's
materials may store.

A person's storage is the size of the distinct files on the materials they are the author
of (whoever attached them: an editor's upload to your material is on your material). Files
are stored once by content, so:

- a file on two of your materials counts once: it is stored once;
- a file that is also on someone else's material counts in full for each of you. Usage
  then depends only on your own materials: it does not jump when a colleague deletes their
  copy, and nobody can shift their files onto someone else's quota by uploading them there
  first.
"""

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from share.audit import record_audit
from share.auth.models import Role, User
from share.extensions import db
from share.i18n import format_size
from share.materials.models import Attachment, Material
from share.rules import DomainError, require
from share.storage.errors import FileRefused
from share.storage.models import StoredFile

MB = 1000 * 1000
#: The largest quota an admin can give, in megabytes (10 TB): more is a typing mistake.
MAX_QUOTA_MB = 10 * 1000 * 1000


@dataclass(frozen=True)
class StorageUsage:
    """What a person's materials store, and what they may, in bytes."""

    used: int
    quota: int

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.used / self.quota)) if self.quota else 100


def quota_bytes(user: User) -> int:
    """The user's own quota if an admin set one, else the site's default."""
    megabytes = user.storage_quota_mb
    if megabytes is None:
        megabytes = current_app.config["STORAGE_QUOTA_MB"]
    return megabytes * MB


def _files_of_authors():
    """(author id, stored file id, size), each file once per author."""
    return (
        select(Material.author_id, StoredFile.id, StoredFile.size)
        .join(Attachment, Attachment.material_id == Material.id)
        .join(StoredFile, StoredFile.id == Attachment.stored_file_id)
        .distinct()
        .subquery()
    )


def storage_used(user: User) -> int:
    """Bytes the user's materials store (see the module's docstring for what counts)."""
    files = _files_of_authors()
    statement = select(func.coalesce(func.sum(files.c.size), 0)).where(files.c.author_id == user.id)
    return int(db.session.execute(statement).scalar_one())


def storage_usage(user: User) -> StorageUsage:
    return StorageUsage(used=storage_used(user), quota=quota_bytes(user))


def storage_usages(users: list[User]) -> dict[int, StorageUsage]:
    """Each user's StorageUsage by id, in one query (for a page of the admin's list)."""
    files = _files_of_authors()
    used = dict(
        db.session.execute(
            select(files.c.author_id, func.sum(files.c.size))
            .where(files.c.author_id.in_([user.id for user in users]))
            .group_by(files.c.author_id)
        ).all()
    )
    return {
        user.id: StorageUsage(used=int(used.get(user.id) or 0), quota=quota_bytes(user))
        for user in users
    }


def check_file_counts(material: Material, new_files: int) -> None:
    """Raise FileRefused, before anything is stored, when the request brings too many files
    or the material would have too many."""
    per_request = current_app.config["MAX_FILES_PER_REQUEST"]
    if new_files > per_request:
        raise FileRefused(
            _l(
                "At most %(max)s files at a time; you chose %(count)s. "
                "Send the rest in another round.",
                max=per_request,
                count=new_files,
            ),
            field="files",
        )
    per_material = current_app.config["MAX_FILES_PER_MATERIAL"]
    total = len(material.attachments) + new_files
    if total > per_material:
        raise FileRefused(
            _l(
                "A material can have at most %(max)s files, and this one would have %(count)s.",
                max=per_material,
                count=total,
            ),
            field="files",
        )


def check_quota(author: User, uploader: User, used_before: int) -> None:
    """Raise FileRefused when the files `uploader` just attached (flushed) take the
    material's author past their quota; `used_before` is `storage_used(author)` from before
    they were attached."""
    # Two uploads for one author at once are counted one after the other: the second
    # waits here until the first has committed, then sees its files. (SQLite lets one
    # writer in at a time anyway.)
    db.session.execute(select(User.id).where(User.id == author.id).with_for_update(key_share=True))
    used, quota = storage_used(author), quota_bytes(author)
    if used <= quota or used <= used_before:
        return
    sizes = {
        "used": format_size(used_before),
        "quota": format_size(quota),
        "needed": format_size(used - used_before),
    }
    if uploader.id == author.id:
        message = _l(
            "The files do not fit in your storage: you use %(used)s of %(quota)s, and the files "
            "need %(needed)s more. Take off files you no longer need, or ask an administrator "
            "for more space.",
            **sizes,
        )
    else:
        message = _l(
            "The files do not fit in the storage of the material's author, %(name)s: "
            "%(used)s of %(quota)s is used, and the files need %(needed)s more.",
            name=author.name,
            **sizes,
        )
    raise FileRefused(message, field="files")


def set_storage_quota(actor: User, user: User, megabytes: int | None) -> None:
    """An admin sets the user's quota in megabytes; None gives them the site's default.
    Written to the audit log with the quota before and after (in MB, in any language)."""
    require(actor.has_role(Role.ADMIN))
    if megabytes is not None and not 0 <= megabytes <= MAX_QUOTA_MB:
        raise DomainError(
            _l("Give a quota from 0 to %(max)s MB, or leave it empty.", max=MAX_QUOTA_MB),
            field="quota_mb",
        )
    if user.storage_quota_mb == megabytes:
        return
    before = quota_bytes(user) // MB
    user.storage_quota_mb = megabytes
    change = f"{before} MB → {quota_bytes(user) // MB} MB"
    record_audit(actor, "user.storage_quota", "user", user.id, label=user.email, reason=change)
