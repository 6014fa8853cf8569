"""Storing uploads: streamed to disk, typed by content, content-addressed, never orphaned.

A stored file lives at UPLOAD_DIR/<sha[:2]>/<sha[2:4]>/<sha>, its thumbnail at
UPLOAD_DIR/thumbnails/<sha[:2]>/<sha>.webp. Files this transaction created are removed
again if it rolls back, so no file outlives a failed request; `flask storage check`
finds anything a killed process left behind.
"""

import hashlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from share.extensions import db
from share.storage import errors, images
from share.storage.derive import derive
from share.storage.models import StoredFile, TextState
from share.storage.sniff import sniff
from share.storage.types import IMAGE_TYPES

CHUNK = 64 * 1024
INCOMING = ".incoming"
THUMBNAILS = "thumbnails"
_NEW_FILES = "dela_new_files"


def _upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


def _content_path(sha256: str) -> Path:
    return _upload_dir() / sha256[:2] / sha256[2:4] / sha256


def _thumbnail_path(sha256: str) -> Path:
    return _upload_dir() / THUMBNAILS / sha256[:2] / f"{sha256}.webp"


def stored_path(stored: StoredFile) -> Path:
    return _content_path(stored.sha256)


def thumbnail_path(stored: StoredFile) -> Path | None:
    return _thumbnail_path(stored.sha256) if stored.has_thumbnail else None


def _receive(stream: BinaryIO, target: Path, limit: int) -> int:
    """Copy `stream` to `target` chunk by chunk; raises FileRefused past `limit` bytes."""
    size = 0
    with target.open("wb") as file:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise errors.refused_too_large(current_app.config["MAX_UPLOAD_MB"])
            file.write(chunk)
    if size == 0:
        raise errors.refused_empty()
    return size


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _place(source: Path, target: Path) -> bool:
    """Move `source` to `target` unless it is there already; True if this call created it."""
    if target.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)
    return True


def store_upload(stream: BinaryIO, filename: str) -> StoredFile:
    """Store an upload and return its StoredFile row (new, or the existing one for the same
    content). Raises FileRefused, and then leaves nothing behind. Flushes; never commits."""
    limit = current_app.config["MAX_UPLOAD_MB"] * 1024 * 1024
    incoming = _upload_dir() / INCOMING
    incoming.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(dir=incoming))
    try:
        received = workdir / "upload"
        _receive(stream, received, limit)
        file_type = sniff(received, filename)
        if file_type.key in IMAGE_TYPES:
            received.write_bytes(images.reencode(str(received), file_type.key))
        sha256 = _sha256(received)
        existing = db.session.execute(
            select(StoredFile).where(StoredFile.sha256 == sha256)
        ).scalar_one_or_none()
        if existing is not None and _content_path(sha256).is_file():
            return existing
        derived = derive(
            received, file_type.key, workdir, current_app.config["EXTRACTION_TIMEOUT_SECONDS"]
        )
        if derived.thumbnail is not None:
            thumbnail = workdir / "thumbnail.webp"
            thumbnail.write_bytes(derived.thumbnail)
            if _place(thumbnail, _thumbnail_path(sha256)):
                _remember_new_file(_thumbnail_path(sha256))
        if _place(received, _content_path(sha256)):
            _remember_new_file(_content_path(sha256))
        if file_type.carries_text:
            text_state = TextState.EXTRACTED if derived.text else TextState.NONE
        else:
            text_state = TextState.NOT_APPLICABLE
        stored = existing or StoredFile(sha256=sha256)
        stored.size = _content_path(sha256).stat().st_size
        stored.file_type = file_type.key
        stored.mime_type = file_type.mime_type
        stored.text = derived.text
        stored.text_state = text_state
        stored.has_thumbnail = derived.thumbnail is not None
        db.session.add(stored)
        db.session.flush()
        return stored
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def delete_stored_file(stored: StoredFile) -> None:
    """Delete the row now and the files once the transaction commits (the caller makes sure
    no attachment uses it)."""
    db.session.delete(stored)
    db.session.info.setdefault("dela_files_to_delete", []).extend(
        [_content_path(stored.sha256), _thumbnail_path(stored.sha256)]
    )


def _remember_new_file(path: Path) -> None:
    db.session.info.setdefault(_NEW_FILES, []).append(path)


@event.listens_for(Session, "after_commit")
def _forget_new_files(session: Session) -> None:
    session.info.pop(_NEW_FILES, None)
    for path in session.info.pop("dela_files_to_delete", []):
        path.unlink(missing_ok=True)


@event.listens_for(Session, "after_soft_rollback")
def _remove_new_files(session: Session, previous_transaction) -> None:
    """A rolled-back upload takes its files with it: no file without a row."""
    if previous_transaction.nested:
        return  # a savepoint; the outer transaction decides
    for path in session.info.pop(_NEW_FILES, []):
        path.unlink(missing_ok=True)
    session.info.pop("dela_files_to_delete", None)


@dataclass
class StorageReport:
    rows_without_file: list[str] = field(default_factory=list)
    files_without_row: list[Path] = field(default_factory=list)
    stale_incoming: list[Path] = field(default_factory=list)
    removed: int = 0

    @property
    def problems(self) -> int:
        return len(self.rows_without_file) + len(self.files_without_row) + len(self.stale_incoming)


def check_storage(*, fix: bool = False) -> StorageReport:
    """Compare rows and files. With `fix`, delete files that no row needs (never rows)."""
    report = StorageReport()
    known = set(db.session.execute(select(StoredFile.sha256)).scalars())
    for sha256 in sorted(known):
        if not _content_path(sha256).is_file():
            report.rows_without_file.append(sha256)
    root = _upload_dir()
    if root.is_dir():
        for path in sorted(root.glob("[0-9a-f][0-9a-f]/[0-9a-f][0-9a-f]/*")):
            if path.name not in known:
                report.files_without_row.append(path)
        for path in sorted((root / THUMBNAILS).glob("*/*.webp")):
            if path.stem not in known:
                report.files_without_row.append(path)
        hour_ago = time.time() - 3600
        for path in sorted((root / INCOMING).glob("*")):
            if path.stat().st_mtime < hour_ago:
                report.stale_incoming.append(path)
    if fix:
        for path in report.files_without_row:
            path.unlink(missing_ok=True)
            report.removed += 1
        for path in report.stale_incoming:
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()
            report.removed += 1
    return report
