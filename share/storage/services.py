"""Storing uploads: streamed to disk, typed by content, content-addressed, never orphaned.

A stored file lives at UPLOAD_DIR/<sha[:2]>/<sha[2:4]>/<sha>, its thumbnail at
UPLOAD_DIR/thumbnails/<sha[:2]>/<sha>.webp, an upload in progress under UPLOAD_DIR/.incoming/.
Files a transaction creates are removed when it ends without a commit; files it deletes go
only once it commits. So a row never outlives its file, and a failed request leaves no file;
`flask storage check` finds what a killed process left behind.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from PIL import Image
from sqlalchemy import event, select
from sqlalchemy.orm import Session, SessionTransaction

from share.extensions import db
from share.storage import errors, extract, images
from share.storage.errors import FileRefused, FileTooLarge
from share.storage.models import StoredFile, TextState
from share.storage.names import clean_display_name
from share.storage.sniff import sniff
from share.storage.types import IMAGE_TYPES, MAX_TEXT_CHARS, OFFICE_TYPES, FileType

__all__ = [
    "FileRefused",
    "FileTooLarge",
    "StorageReport",
    "check_storage",
    "delete_stored_file",
    "store_upload",
    "stored_path",
    "thumbnail_path",
]

CHUNK = 64 * 1024
INCOMING = ".incoming"
THUMBNAILS = "thumbnails"
#: Anything younger may belong to an upload whose transaction has not committed yet.
STALE_AFTER_SECONDS = 3600
_CHANGES = "dela_storage_file_changes"


def _upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


def _content_path(sha256: str) -> Path:
    return _upload_dir() / sha256[:2] / sha256[2:4] / sha256


def _thumbnail_path(sha256: str) -> Path:
    return _upload_dir() / THUMBNAILS / sha256[:2] / f"{sha256}.webp"


def stored_path(stored_file: StoredFile) -> Path:
    """Where the file's content is on disk."""
    return _content_path(stored_file.sha256)


def thumbnail_path(stored_file: StoredFile) -> Path | None:
    """Where the file's WebP thumbnail is, or None when it has none."""
    return _thumbnail_path(stored_file.sha256) if stored_file.has_thumbnail else None


def _receive(stream: BinaryIO, target: Path) -> None:
    """Copy `stream` to `target` chunk by chunk; raises FileRefused when it is empty or
    passes MAX_UPLOAD_MB (and then stops reading)."""
    limit_mb = current_app.config["MAX_UPLOAD_MB"]
    size = 0
    with target.open("wb") as file:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > limit_mb * 1024 * 1024:
                raise errors.refused_too_large(limit_mb)
            file.write(chunk)
    if size == 0:
        raise errors.refused_empty()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _read_text(path: Path) -> str | None:
    with path.open("rb") as file:
        data = file.read(MAX_TEXT_CHARS * 4)
    text = data.decode("utf-8", "ignore").removeprefix("\ufeff")[:MAX_TEXT_CHARS]
    # PostgreSQL's text type cannot hold NUL characters; pdfium's text sometimes has them.
    return text.replace("\x00", "").strip() or None


# The child needs no app, so it imports share.storage.extract under a bare `share` package:
# share/__init__.py (the app factory and every blueprint) would cost it a second of imports.
_CHILD = (
    "import sys, types\n"
    "package = types.ModuleType('share')\n"
    "package.__path__ = [sys.argv.pop(1)]\n"
    "sys.modules['share'] = package\n"
    "from share.storage.extract import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
_SHARE_DIR = Path(__file__).resolve().parents[1]


def _run_in_child(
    content: Path, file_type: str, first_out: Path, thumbnail: Path, label: str
) -> subprocess.CompletedProcess | None:
    """Run share.storage.extract on `content` in a child process (see its docstring for
    what it writes where); None when it ran out of time and was killed."""
    timeout = current_app.config["EXTRACTION_TIMEOUT_SECONDS"]
    # Every argument is ours: the interpreter, our code, paths we made, an allow-list key.
    # -P: nothing from the working directory is importable in the child.
    command = [sys.executable, "-P", "-c", _CHILD, str(_SHARE_DIR), str(content), file_type]
    try:
        return subprocess.run(  # noqa: S603
            [*command, str(first_out), str(thumbnail)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        current_app.logger.warning("reading %s (%s) gave up after %s s", label, file_type, timeout)
        thumbnail.unlink(missing_ok=True)
        return None


def _clean_image_in_child(content: Path, image_type: str, target: Path, thumbnail: Path) -> None:
    """Write the image's clean pixels to `target` and its thumbnail to `thumbnail`, decoded
    in a child process. Raises FileRefused as `images.clean_image` does, and when the child
    runs out of time or fails."""
    result = _run_in_child(content, image_type, target, thumbnail, "an upload")
    if result is None:
        raise errors.refused_slow_image()
    if result.returncode == extract.EXIT_NO_SPACE:
        raise errors.refused_storage_full()
    if result.returncode == extract.EXIT_TOO_MANY_PIXELS:
        raise errors.refused_pixels(images.MAX_PIXELS // 1_000_000)
    if result.returncode != 0 or not target.is_file():
        if result.returncode != extract.EXIT_BROKEN_IMAGE:
            current_app.logger.warning(
                "cleaning an uploaded %s failed (exit %s): %s",
                image_type,
                result.returncode,
                result.stderr.decode("utf-8", "replace")[-2000:],
            )
        raise errors.refused_broken_image()


def _extract_in_child(content: Path, file_type: str, thumbnail: Path, label: str) -> str | None:
    """Text of a PDF or office file, and its thumbnail written to `thumbnail`, made in a
    child process. A child that times out or crashes gives neither. Raises FileRefused for
    an office file with a DTD."""
    text_out = content.with_name("text.txt")
    result = _run_in_child(content, file_type, text_out, thumbnail, label)
    if result is None:
        return None
    if result.returncode == extract.EXIT_UNSAFE_XML:
        raise errors.refused_dtd()
    if result.returncode == extract.EXIT_NO_SPACE:
        raise errors.refused_storage_full()
    stderr = result.stderr.decode("utf-8", "replace")[-2000:]
    if result.returncode != 0:
        current_app.logger.warning(
            "extraction of %s failed (exit %s): %s", label, result.returncode, stderr
        )
        thumbnail.unlink(missing_ok=True)
        return None
    if stderr:
        current_app.logger.info("extraction of %s could not read everything: %s", label, stderr)
    return _read_text(text_out) if text_out.exists() else None


def _derive(content: Path, file_type: FileType, thumbnail: Path, label: str) -> str | None:
    """The text for search; the thumbnail, where the type has one, is written to `thumbnail`."""
    if file_type.key in ("txt", "md"):
        return _read_text(content)
    if file_type.key == "pdf" or file_type.key in OFFICE_TYPES:
        return _extract_in_child(content, file_type.key, thumbnail, label)
    return None


def store_upload(stream: BinaryIO, filename: str) -> StoredFile:
    """Store an upload and return its StoredFile: a new row, or the one that already holds
    this content. `filename` is the name the user's computer gave; it must agree with the
    content but is not kept here. Raises FileRefused (StorageFull when the disk is full),
    and then leaves no file and no row. Adds and flushes; never commits."""
    try:
        return _store(stream, filename)
    except OSError as error:
        if errors.is_no_space(error):
            current_app.logger.error("upload refused, the disk is full: %s", error)
            raise errors.refused_storage_full() from error
        raise


def _store(stream: BinaryIO, filename: str) -> StoredFile:
    incoming = _upload_dir() / INCOMING
    incoming.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(dir=incoming))
    try:
        thumbnail = workdir / "thumbnail.webp"
        content, file_type = _receive_cleaned(stream, filename, workdir, thumbnail)
        sha256 = _sha256(content)
        stored = db.session.execute(
            select(StoredFile).where(StoredFile.sha256 == sha256)
        ).scalar_one_or_none()
        if stored is not None and _content_path(sha256).is_file():
            return stored
        stored = stored or StoredFile(sha256=sha256)  # or the row that lost its file
        _describe(stored, content, file_type, thumbnail)
        db.session.add(stored)
        # Row before file: a concurrent upload of this content then waits on the unique key
        # until this transaction ends, so a rollback here never removes a file it relies on.
        db.session.flush()
        _place(content, _content_path(sha256))
        if stored.has_thumbnail:
            _place(thumbnail, _thumbnail_path(sha256))
        return stored
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _receive_cleaned(
    stream: BinaryIO, filename: str, workdir: Path, thumbnail: Path
) -> tuple[Path, FileType]:
    """The upload on disk in `workdir` and its type; an image re-encoded from its pixels
    alone (its thumbnail written to `thumbnail`). Raises FileRefused."""
    content = workdir / "upload"
    _receive(stream, content)
    file_type = sniff(content, clean_display_name(filename))
    if file_type.key in IMAGE_TYPES:
        reencoded = workdir / "image"
        _clean_image_in_child(content, file_type.key, reencoded, thumbnail)
        content = reencoded
    return content, file_type


def _describe(stored: StoredFile, content: Path, file_type: FileType, thumbnail: Path) -> None:
    """Fill in what Dela knows of the content: size, type, text for search, thumbnail."""
    text = _derive(content, file_type, thumbnail, stored.sha256[:12])
    stored.size = content.stat().st_size
    stored.file_type = file_type.key
    stored.mime_type = file_type.mime_type
    stored.text = text
    if file_type.carries_text:
        stored.text_state = TextState.EXTRACTED if text else TextState.NONE
    else:
        stored.text_state = TextState.NOT_APPLICABLE
    stored.has_thumbnail = thumbnail.is_file()
    stored.thumbnail_width, stored.thumbnail_height = (
        _image_size(thumbnail) if stored.has_thumbnail else (None, None)
    )


def _image_size(path: Path) -> tuple[int, int]:
    """The size of a thumbnail Dela made itself (only its header is read)."""
    with Image.open(path) as image:
        return image.size


def delete_stored_file(stored_file: StoredFile) -> None:
    """Delete the row now and its files once the transaction commits. The caller makes
    sure nothing refers to it any more. Flushes; never commits."""
    db.session.delete(stored_file)
    db.session.flush()
    for path in (_content_path(stored_file.sha256), _thumbnail_path(stored_file.sha256)):
        _track(path, created=False)


# --- files follow the transaction ----------------------------------------------------------


@dataclass
class _FileChange:
    path: Path
    transaction: SessionTransaction
    #: True: created by the transaction, gone if it does not commit. False: to be deleted
    #: when it commits.
    created: bool


def _track(path: Path, *, created: bool) -> None:
    session = db.session()
    transaction = session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault(_CHANGES, []).append(_FileChange(path, transaction, created))


def _place(source: Path, target: Path) -> None:
    """Move `source` to `target` unless the content is there already."""
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)
    _track(target, created=True)


def _within(transaction: SessionTransaction | None, ancestor: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is ancestor:
            return True
        transaction = transaction.parent
    return False


@event.listens_for(Session, "after_commit")
def _apply_deletions(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint was released: its changes wait for the outer transaction
    for change in session.info.pop(_CHANGES, []):
        if not change.created:
            change.path.unlink(missing_ok=True)


@event.listens_for(Session, "after_soft_rollback")
def _undo_savepoint(session: Session, previous_transaction: SessionTransaction) -> None:
    if not previous_transaction.nested:
        return  # the outer transaction's end is handled by _undo_unfinished
    kept = []
    for change in session.info.get(_CHANGES, []):
        if not _within(change.transaction, previous_transaction):
            kept.append(change)
        elif change.created:
            change.path.unlink(missing_ok=True)
    session.info[_CHANGES] = kept


@event.listens_for(Session, "after_transaction_end")
def _undo_unfinished(session: Session, transaction: SessionTransaction) -> None:
    """A transaction that ends without a commit, by rollback or by close, takes the files
    it created with it (after a commit, _apply_deletions has emptied the list)."""
    if transaction.parent is not None:
        return
    for change in session.info.pop(_CHANGES, []):
        if change.created:
            change.path.unlink(missing_ok=True)


# --- consistency check ---------------------------------------------------------------------


@dataclass
class StorageReport:
    """What `check_storage` found; paths are absolute."""

    rows_without_file: list[str] = field(default_factory=list)
    files_without_row: list[Path] = field(default_factory=list)
    stale_incoming: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)

    @property
    def problems_left(self) -> int:
        found = self.rows_without_file + self.files_without_row + self.stale_incoming
        return len(found) - len(self.removed)


def _stale(path: Path) -> bool:
    try:
        return path.stat().st_mtime < time.time() - STALE_AFTER_SECONDS
    except FileNotFoundError:
        return False  # an upload finished while we looked


def check_storage(fix: bool = False) -> StorageReport:
    """Compare StoredFile rows with the files under UPLOAD_DIR. With `fix`, delete files
    no row needs and unfinished uploads older than an hour; rows are never deleted.
    Files younger than an hour are left alone: their upload may not have committed yet."""
    report = StorageReport()
    known = set(db.session.execute(select(StoredFile.sha256)).scalars())
    report.rows_without_file = sorted(s for s in known if not _content_path(s).is_file())
    root = _upload_dir()
    candidates = [
        *((path, path.name) for path in root.glob("[0-9a-f][0-9a-f]/[0-9a-f][0-9a-f]/*")),
        *((path, path.stem) for path in root.glob(f"{THUMBNAILS}/*/*.webp")),
    ]
    report.files_without_row = sorted(
        path
        for path, sha256 in candidates
        if sha256 not in known and path.is_file() and _stale(path)
    )
    report.stale_incoming = sorted(path for path in root.glob(f"{INCOMING}/*") if _stale(path))
    if fix:
        for path in report.files_without_row:
            path.unlink(missing_ok=True)
        for path in report.stale_incoming:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        report.removed = report.files_without_row + report.stale_incoming
    return report
