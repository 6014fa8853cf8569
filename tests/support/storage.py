"""Assertions the storage tests share."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from share.storage.backends import storage_backend
from share.storage.errors import FileRefused


def assert_refused(call: Callable[[], object], expected: FileRefused) -> None:
    """`call` raises FileRefused with the same message (the same reason) as `expected`."""
    with pytest.raises(FileRefused) as refused:
        call()
    assert str(refused.value.message) == str(expected.message)


def files_under(root: Path) -> list[Path]:
    """Every file below `root`, hidden folders such as .incoming included."""
    return sorted(Path(folder) / name for folder, _, names in os.walk(root) for name in names)


def stored_keys() -> list[str]:
    """The keys of every object in the app's storage backend."""
    return sorted(each.key for each in storage_backend().list())


def stored_bytes(key: str) -> bytes:
    with storage_backend().open(key) as stream:
        return stream.read()
