"""Storing uploads: streamed to disk, typed by content, content-addressed, never orphaned.

An upload in progress is received, checked and decoded under UPLOAD_DIR/.incoming/; then
it goes to the storage backend (share/storage/backends) under its content address,
`<sha[:2]>/<sha[2:4]>/<sha>`, its thumbnail under `thumbnails/<sha[:2]>/<sha>.webp`.
Files a transaction creates are removed when it ends without a commit; files it deletes go
only once it commits (share/storage/transactions.py). So a row never outlives its file,
and a failed request leaves no file; `flask storage check` finds what a killed process
left behind.
"""

import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from PIL import Image
from sqlalchemy import select

from share.extensions import db
from share.storage import errors, extract, images
from share.storage.backends import (
    LocalBackend,
    StorageUnavailable,
    content_key,
    storage_backend,
    thumbnail_key,
)
from share.storage.errors import FileRefused, FileTooLarge
from share.storage.models import StoredFile, TextState
from share.storage.names import clean_display_name
from share.storage.sniff import sniff
from share.storage.transactions import track
from share.storage.types import IMAGE_TYPES, MAX_TEXT_CHARS, OFFICE_TYPES, FileType

__all__ = [
    "FileRefused",
    "FileTooLarge",
    "delete_stored_file",
    "store_upload",
    "stored_path",
    "thumbnail_path",
]

CHUNK = 64 * 1024
INCOMING = ".incoming"
THUMBNAIL_TYPE = "image/webp"


def _upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


def stored_path(stored_file: StoredFile) -> Path:
    """Where the file's content is on disk with the local backend."""
    return LocalBackend(_upload_dir()).path(content_key(stored_file.sha256))


def thumbnail_path(stored_file: StoredFile) -> Path | None:
    """Where the file's WebP thumbnail is on disk with the local backend, or None when it
    has none."""
    if not stored_file.has_thumbnail:
        return None
    return LocalBackend(_upload_dir()).path(thumbnail_key(stored_file.sha256))


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
    content but is not kept here. Raises FileRefused (StorageFull when the disk is full,
    StorageUnreachable when the bucket cannot be reached), and then leaves no file and no
    row. Adds and flushes; never commits."""
    try:
        return _store(stream, filename)
    except StorageUnavailable as error:
        current_app.logger.error("upload refused, the file store failed: %s", error)
        raise errors.refused_storage_unavailable() from error
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
        backend = storage_backend()
        if stored is not None and backend.exists(content_key(sha256)):
            return stored
        stored = stored or StoredFile(sha256=sha256)  # or the row that lost its file
        _describe(stored, content, file_type, thumbnail)
        db.session.add(stored)
        # Row before file: a concurrent upload of this content then waits on the unique key
        # until this transaction ends, so a rollback here never removes a file it relies on.
        db.session.flush()
        _place(content, content_key(sha256), stored.mime_type, sha256)
        if stored.has_thumbnail:
            _place(thumbnail, thumbnail_key(sha256), THUMBNAIL_TYPE, _sha256(thumbnail))
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
    backend = storage_backend()
    for key in (content_key(stored_file.sha256), thumbnail_key(stored_file.sha256)):
        track(backend, key, created=False)


def _place(source: Path, key: str, content_type: str, sha256: str) -> None:
    """Put `source` in the backend under `key` unless the content is there already."""
    backend = storage_backend()
    if backend.exists(key):
        return
    backend.put(key, source, content_type, sha256)
    track(backend, key, created=True)
