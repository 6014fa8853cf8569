"""What Dela asks of the place its files are kept, whatever that place is.

Keys are content addresses relative to the store's root: `<sha[:2]>/<sha[2:4]>/<sha>` for
a file, `thumbnails/<sha[:2]>/<sha>.webp` for its thumbnail. A file reaches a backend only
after it was received, checked and decoded on local disk.
"""

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

THUMBNAILS = "thumbnails"
_CONTENT_KEY = re.compile(r"[0-9a-f]{2}/[0-9a-f]{2}/(?P<sha>[^/]+)")
_THUMBNAIL_KEY = re.compile(rf"{THUMBNAILS}/[^/]+/(?P<sha>[^/]+)\.webp")


def content_key(sha256: str) -> str:
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"


def thumbnail_key(sha256: str) -> str:
    return f"{THUMBNAILS}/{sha256[:2]}/{sha256}.webp"


def sha256_of(key: str) -> str | None:
    """The SHA-256 a content or thumbnail key names; None for any other key."""
    found = _CONTENT_KEY.fullmatch(key) or _THUMBNAIL_KEY.fullmatch(key)
    return found["sha"] if found else None


class StorageUnavailable(OSError):
    """The store could not be reached or refused the request (not a missing object)."""


@dataclass(frozen=True)
class StoredObject:
    key: str
    #: Seconds since the epoch.
    modified: float


class StorageBackend(ABC):
    """A flat store of immutable objects by key. Every method may raise StorageUnavailable;
    `open` raises FileNotFoundError for a key that is not there."""

    @abstractmethod
    def put(self, key: str, source: Path, content_type: str, sha256: str) -> None:
        """Store the local file `source` (whose SHA-256 is `sha256`) under `key`, streamed;
        `source` may be consumed."""

    @abstractmethod
    def open(self, key: str) -> BinaryIO:
        """The object as a stream to read in chunks; the caller closes it."""

    @abstractmethod
    def size(self, key: str) -> int | None:
        """The object's size in bytes, or None when there is none."""

    def exists(self, key: str) -> bool:
        return self.size(key) is not None

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the object; a key that is not there is no error."""

    @abstractmethod
    def list(self) -> Iterator[StoredObject]:
        """Every object in the store that has a content or thumbnail key."""

    @abstractmethod
    def locate(self, key: str) -> str:
        """Where the object is, in words for an operator (a path or an s3:// URL)."""

    def download_url(self, key: str, download_name: str, mime_type: str) -> str | None:
        """A short-lived URL that serves the object as an attachment named `download_name`
        with `mime_type`, for the browser to fetch directly; None when downloads go
        through the app."""
        return None
