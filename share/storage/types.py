"""The allow-list: the only kinds of file Dela stores, each decided from content."""

from dataclasses import dataclass

#: The most text kept of one file for search; a long book's first million characters.
MAX_TEXT_CHARS = 1_000_000


@dataclass(frozen=True)
class FileType:
    """One kind of file Dela stores. `key` is what StoredFile.file_type holds."""

    key: str
    mime_type: str
    #: File-name extensions that agree with this content.
    extensions: tuple[str, ...]
    #: Whether text can be extracted for search.
    carries_text: bool = False


ALLOWED = {
    file_type.key: file_type
    for file_type in [
        FileType("pdf", "application/pdf", (".pdf",), carries_text=True),
        FileType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
            carries_text=True,
        ),
        FileType(
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            (".pptx",),
            carries_text=True,
        ),
        FileType(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (".xlsx",),
            carries_text=True,
        ),
        FileType("odt", "application/vnd.oasis.opendocument.text", (".odt",), carries_text=True),
        FileType(
            "odp", "application/vnd.oasis.opendocument.presentation", (".odp",), carries_text=True
        ),
        FileType(
            "ods", "application/vnd.oasis.opendocument.spreadsheet", (".ods",), carries_text=True
        ),
        FileType("txt", "text/plain; charset=utf-8", (".txt", ".text"), carries_text=True),
        FileType("md", "text/markdown; charset=utf-8", (".md", ".markdown"), carries_text=True),
        FileType("jpeg", "image/jpeg", (".jpg", ".jpeg", ".jpe")),
        FileType("png", "image/png", (".png",)),
        FileType("gif", "image/gif", (".gif",)),
        FileType("webp", "image/webp", (".webp",)),
        FileType("mp3", "audio/mpeg", (".mp3",)),
        FileType("m4a", "audio/mp4", (".m4a",)),
        FileType("mp4", "video/mp4", (".mp4", ".m4v")),
    ]
}

IMAGE_TYPES = {"jpeg", "png", "gif", "webp"}
OFFICE_TYPES = {"docx", "pptx", "xlsx", "odt", "odp", "ods"}
