"""Files on the local disk under UPLOAD_DIR."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from share.storage.backends.base import THUMBNAILS, StorageBackend, StoredObject, sha256_of


class LocalBackend(StorageBackend):
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        return self.root / key

    def put(self, key: str, source: Path, content_type: str, sha256: str) -> None:
        # The upload was received under UPLOAD_DIR, so this is a rename, never a copy.
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)

    def open(self, key: str) -> BinaryIO:
        return self.path(key).open("rb")

    def size(self, key: str) -> int | None:
        path = self.path(key)
        return path.stat().st_size if path.is_file() else None

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def list(self) -> Iterator[StoredObject]:
        for pattern in ("[0-9a-f][0-9a-f]/[0-9a-f][0-9a-f]/*", f"{THUMBNAILS}/*/*.webp"):
            for path in self.root.glob(pattern):
                key = path.relative_to(self.root).as_posix()
                try:
                    stat = path.stat()
                except FileNotFoundError:
                    continue  # deleted while we looked
                if sha256_of(key) and path.is_file():
                    yield StoredObject(key, stat.st_mtime)

    def locate(self, key: str) -> str:
        return str(self.path(key))
