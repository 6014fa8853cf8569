"""Why an upload is refused, in words for the person who sent it."""

import errno

from flask_babel import lazy_gettext as _l

from share.i18n import lazy_number
from share.rules import DomainError


class FileRefused(DomainError):
    """The file is not stored; `message` says why."""


class FileTooLarge(FileRefused):
    """Refused for its size alone (the web answers 413)."""


class StorageFull(FileRefused):
    """Not stored because the disk (or the quota) under UPLOAD_DIR is full: the web answers
    507, and the file is nobody's fault."""


class StorageUnreachable(FileRefused):
    """Not stored because the file store (an S3 bucket) could not be reached or refused
    the write: the web answers 503, and the file is nobody's fault."""


#: The errors of a write that met a full disk or a full quota.
NO_SPACE_ERRNOS = (errno.ENOSPC, errno.EDQUOT)


def is_no_space(error: OSError) -> bool:
    return error.errno in NO_SPACE_ERRNOS


class TooManyPixels(FileRefused):
    """An image past the site's pixel cap (or Pillow's decompression-bomb limit)."""


def refused_empty() -> FileRefused:
    return FileRefused(_l("The file is empty."), field="files")


def refused_too_large(limit_mb: int) -> FileTooLarge:
    return FileTooLarge(
        _l("The file is larger than %(mb)s MB.", mb=lazy_number(limit_mb)), field="files"
    )


def refused_type() -> FileRefused:
    return FileRefused(
        _l(
            "Dela does not accept this kind of file. Allowed are PDF, Word, PowerPoint, Excel, "
            "OpenDocument, text, Markdown, JPEG, PNG, GIF, WebP, MP3, M4A and MP4."
        ),
        field="files",
    )


def refused_program() -> FileRefused:
    return FileRefused(_l("Programs and scripts cannot be shared in Dela."), field="files")


def refused_web_page() -> FileRefused:
    return FileRefused(
        _l("Web pages, SVG images and scripts cannot be shared in Dela."), field="files"
    )


def refused_mismatch(extension: str, found: str) -> FileRefused:
    return FileRefused(
        _l(
            "The file is named %(extension)s but its content is %(found)s. Rename it or save it "
            "in the right format.",
            extension=extension,
            found=found.upper(),
        ),
        field="files",
    )


def refused_macros() -> FileRefused:
    return FileRefused(
        _l("Office files with macros cannot be shared. Save it as a file without macros."),
        field="files",
    )


def refused_archive() -> FileRefused:
    return FileRefused(
        _l("The file is a damaged or unsafe archive (too large when unpacked, or odd paths)."),
        field="files",
    )


def refused_dtd() -> FileRefused:
    return FileRefused(
        _l(
            "The file contains a document type declaration (DTD). Office files do not need one, "
            "and it can be used to attack the programs that open them. Save the file again "
            "from Word, PowerPoint, Excel or LibreOffice."
        ),
        field="files",
    )


def refused_pixels(limit_megapixels: int) -> TooManyPixels:
    return TooManyPixels(
        _l("The image has more than %(mp)s million pixels. Make it smaller.", mp=limit_megapixels),
        field="files",
    )


def refused_broken_image() -> FileRefused:
    return FileRefused(_l("The image is damaged or incomplete."), field="files")


def refused_slow_image() -> FileRefused:
    return FileRefused(
        _l("Dela could not read the image in time. Try again, or save it smaller."),
        field="files",
    )


def refused_storage_full() -> StorageFull:
    return StorageFull(
        _l(
            "Dela's file storage is full, so nothing was saved. Your form is kept: try again "
            "later, and tell an administrator."
        ),
        field="files",
    )


def refused_storage_unavailable() -> StorageUnreachable:
    return StorageUnreachable(
        _l(
            "Dela could not reach its file storage, so nothing was saved. Your form is kept: "
            "try again in a while."
        ),
        field="files",
    )
