"""Text and thumbnails derived from a stored file, made in a child process.

A hostile or broken file must not stall or crash a web worker: the work runs in a forked
child with a memory cap, and the parent waits a bounded time, then gives up on it.
"""

import io
import multiprocessing
import resource
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from share.storage import archives, images
from share.storage.types import IMAGE_TYPES, OFFICE_TYPES

MAX_TEXT_CHARS = 1_000_000
MAX_PDF_PAGES = 200
CHILD_MEMORY_BYTES = 1024 * 1024 * 1024


@dataclass
class Derived:
    text: str | None
    thumbnail: bytes | None


def derive(path: Path, file_type: str, workdir: Path, timeout: float) -> Derived:
    """Text (None when the file gave none) and thumbnail bytes (WebP) for the file."""
    context = multiprocessing.get_context("fork")
    child = context.Process(target=_child, args=(str(path), file_type, str(workdir)), daemon=True)
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.kill()
        child.join()
        return Derived(None, None)
    text_file, thumbnail_file = workdir / "text.txt", workdir / "thumbnail.webp"
    text = text_file.read_text("utf-8") if text_file.exists() else None
    thumbnail = thumbnail_file.read_bytes() if thumbnail_file.exists() else None
    return Derived(text.strip() or None if text is not None else None, thumbnail)


def _child(path: str, file_type: str, workdir: str) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    out = Path(workdir)
    # Each part on its own: a PDF without text can still have a thumbnail, and vice versa.
    try:
        text = _text(Path(path), file_type)
        if text is not None:
            (out / "text.txt").write_text(text[:MAX_TEXT_CHARS], "utf-8")
    except Exception:  # noqa: BLE001, S110 (a file that cannot be read gives no text)
        pass
    try:
        thumbnail = _thumbnail(Path(path), file_type)
        if thumbnail is not None:
            (out / "thumbnail.webp").write_bytes(thumbnail)
    except Exception:  # noqa: BLE001, S110 (and no thumbnail)
        pass


def _text(path: Path, file_type: str) -> str | None:
    if file_type == "pdf":
        document = pdfium.PdfDocument(str(path))
        parts, total = [], 0
        for index in range(min(len(document), MAX_PDF_PAGES)):
            text = document[index].get_textpage().get_text_range()
            parts.append(text)
            total += len(text)
            if total > MAX_TEXT_CHARS:
                break
        return "\n".join(parts)
    if file_type in OFFICE_TYPES:
        with archives.open_checked(path) as archive:
            return archives.office_text(archive, file_type)
    if file_type in ("txt", "md"):
        with path.open("rb") as file:
            return file.read(MAX_TEXT_CHARS * 4).decode("utf-8", "ignore").lstrip("\ufeff")
    return None


def _thumbnail(path: Path, file_type: str) -> bytes | None:
    if file_type in IMAGE_TYPES:
        return images.thumbnail(path.read_bytes())
    if file_type == "pdf":
        page = pdfium.PdfDocument(str(path))[0]
        scale = images.THUMBNAIL_SIZE[0] / max(page.get_width(), 1)
        output = io.BytesIO()
        page.render(scale=scale).to_pil().save(output, "PNG")
        return images.thumbnail(output.getvalue())
    if file_type in OFFICE_TYPES:
        with archives.open_checked(path) as archive:
            preview = archives.embedded_preview(archive)
        return images.thumbnail(preview) if preview else None
    return None
