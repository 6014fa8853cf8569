"""`flask storage migrate --to s3`: copy every stored file and thumbnail from UPLOAD_DIR into
the bucket, before the operator switches STORAGE_BACKEND.

Resumable: an object already in the bucket with the right size and SHA-256 (the metadata
each copy carries) is skipped, so running it again after a failure copies only what is
missing. Each copy is read back and its SHA-256 compared; a file whose local content no
longer matches its address is not copied at all.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from share.extensions import db
from share.storage.backends import LocalBackend, content_key, thumbnail_key
from share.storage.models import StoredFile
from share.storage.services import THUMBNAIL_TYPE

if TYPE_CHECKING:
    from share.storage.backends.s3 import S3Backend

_CHUNK = 1024 * 1024


class CopyFailed(Exception):
    """One object could not be copied; the message says why."""


@dataclass
class MigrationReport:
    copied: int = 0
    copied_bytes: int = 0
    already_there: int = 0
    #: (key, why) of each object that was not copied.
    failed: list[tuple[str, str]] = field(default_factory=list)


def _digest(stream) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _file_sha256(path: Path) -> str:
    with path.open("rb") as file:
        return _digest(file)


def _copy(source: LocalBackend, target: "S3Backend", key: str, mime_type: str, sha256: str) -> bool:
    """Copy one object unless the bucket has it whole already; whether it copied.
    `sha256` is what the content must hash to ("" for a thumbnail: whatever it is)."""
    path = source.path(key)
    size = path.stat().st_size
    if sha256 and target.head(key) == (size, sha256):
        return False  # without reading the local file: its address says what it holds
    local = _file_sha256(path)
    if sha256 and local != sha256:
        raise CopyFailed(f"the local file is damaged: its SHA-256 is {local}")
    if not sha256 and target.head(key) == (size, local):
        return False
    target.put(key, path, mime_type, local)
    with target.open(key) as stream:
        copied = _digest(stream)
    if copied != local:
        target.delete(key)
        raise CopyFailed(f"the copy's SHA-256 was {copied}, not {local}; it was removed")
    return True


def migrate_to_bucket(
    source: LocalBackend, target: "S3Backend", echo: Callable[[str], None]
) -> MigrationReport:
    """Copy every stored file and thumbnail the rows name from `source` to `target`,
    saying each step through `echo`; an object that fails is reported and the rest go on."""
    rows = db.session.execute(
        select(StoredFile.sha256, StoredFile.mime_type, StoredFile.has_thumbnail).order_by(
            StoredFile.sha256
        )
    ).all()
    work = []
    for sha256, mime_type, has_thumbnail in rows:
        work.append((content_key(sha256), mime_type, sha256))
        if has_thumbnail:
            work.append((thumbnail_key(sha256), THUMBNAIL_TYPE, ""))
    report = MigrationReport()
    for number, (key, mime_type, sha256) in enumerate(work, 1):
        step = f"[{number}/{len(work)}] {key}"
        try:
            copied = _copy(source, target, key, mime_type, sha256)
        except (OSError, CopyFailed) as error:
            report.failed.append((key, str(error)))
            echo(f"{step}: FAILED: {error}")
            continue
        if copied:
            report.copied += 1
            report.copied_bytes += source.path(key).stat().st_size
            echo(f"{step}: copied")
        else:
            report.already_there += 1
            echo(f"{step}: already there")
    return report
