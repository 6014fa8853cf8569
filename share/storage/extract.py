"""The work that decodes an untrusted stored file, done in a process of its own: the
re-encoded pixels and thumbnail of an image; the text and thumbnail of a PDF or office file.

`share.storage.services` starts a fresh interpreter that calls
`main([file, file type, first out, thumbnail out])`. For an image, "first out" receives
the clean image and the exit code says whether it was refused (EXIT_TOO_MANY_PIXELS,
EXIT_BROKEN_IMAGE). For a PDF or office file it receives the text (UTF-8, at most
MAX_TEXT_CHARS); text and thumbnail are each written only when the file gives one, and the
exit code is 0, or EXIT_UNSAFE_XML for an office file whose XML declares a DTD. A hostile
file can at worst use up this process: its address space and CPU time are capped here, and
the parent kills it when its wall-clock time is up. It also keeps a big image's decoded
pixels (hundreds of MB) out of the web worker. It guards the worker's stability; it is not
a security boundary (it runs as the same user).

It must import nothing that needs the app: the child runs without share/__init__.py.
"""

import io
import resource
import traceback
from pathlib import Path

from PIL import Image

from share.storage import errors, images, office, pdf
from share.storage.types import MAX_TEXT_CHARS

MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024
#: A backstop for a child whose parent died before it could kill it.
CPU_LIMIT_SECONDS = 120
#: Exit codes of a refused image.
EXIT_TOO_MANY_PIXELS = 3
EXIT_BROKEN_IMAGE = 4
#: Exit code of an office file refused for a DTD in its XML.
EXIT_UNSAFE_XML = 5
#: The exit code of a child whose output met a full disk: nothing is wrong with the file.
EXIT_NO_SPACE = 6


def _text(path: Path, file_type: str) -> str | None:
    if file_type == "pdf":
        document = pdf.open_pdf(path)
        return None if document is None else pdf.document_text(document, MAX_TEXT_CHARS)
    with office.open_checked(path) as archive:
        return office.office_text(archive, file_type, MAX_TEXT_CHARS)


def _thumbnail(path: Path, file_type: str) -> Image.Image | None:
    if file_type == "pdf":
        document = pdf.open_pdf(path)
        if document is None:
            return None
        return pdf.first_page_image(document, images.THUMBNAIL_WIDTH, images.THUMBNAIL_MAX_HEIGHT)
    with office.open_checked(path) as archive:
        preview = office.embedded_preview(archive)
    if preview is None:
        return None
    data, image_type = preview
    # The preview is as untrusted as the file around it: same pixel cap, same decoders.
    return images.clean_image(io.BytesIO(data), (image_type,))


def _clean_image(path: Path, image_type: str, image_out: Path, thumbnail_out: Path) -> int:
    try:
        image = images.reencode(path, image_type, image_out)
    except errors.TooManyPixels:
        return EXIT_TOO_MANY_PIXELS
    except errors.FileRefused:
        traceback.print_exc()
        return EXIT_BROKEN_IMAGE
    images.save_thumbnail(image, thumbnail_out)
    return 0


def _declares_dtd(path: Path, file_type: str) -> bool:
    try:
        with office.open_checked(path) as archive:
            return office.declares_dtd(archive, file_type)
    except Exception:  # noqa: BLE001 (a damaged package gives no text below either)
        traceback.print_exc()
        return False


def _unless_no_space(error: Exception) -> None:
    """Re-raise a write that met a full disk: that is no fault of the file's (see main)."""
    if isinstance(error, OSError) and errors.is_no_space(error):
        raise error


def _text_and_thumbnail(path: Path, file_type: str, text_out: Path, thumbnail_out: Path) -> int:
    if file_type != "pdf" and _declares_dtd(path, file_type):
        return EXIT_UNSAFE_XML
    # Each on its own: a scanned PDF has a picture but no text.
    try:
        text = _text(path, file_type)
        if text:
            text_out.write_text(text, "utf-8", "replace")
    except Exception as error:  # noqa: BLE001 (hostile input fails in every way; it gets no text)
        _unless_no_space(error)
        traceback.print_exc()
    try:
        image = _thumbnail(path, file_type)
        if image is not None:
            images.save_thumbnail(image, thumbnail_out)
    except Exception as error:  # noqa: BLE001 (and no thumbnail)
        _unless_no_space(error)
        traceback.print_exc()
    return 0


def main(argv: list[str]) -> int:
    path, file_type = Path(argv[0]), argv[1]
    first_out, thumbnail_out = Path(argv[2]), Path(argv[3])
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_SECONDS, CPU_LIMIT_SECONDS))
    try:
        if file_type in images.PILLOW_FORMATS:
            return _clean_image(path, file_type, first_out, thumbnail_out)
        return _text_and_thumbnail(path, file_type, first_out, thumbnail_out)
    except OSError as error:
        if errors.is_no_space(error):
            return EXIT_NO_SPACE
        raise
