"""Assertions the storage tests share."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from share.storage.errors import FileRefused


def assert_refused(call: Callable[[], object], expected: FileRefused) -> None:
    """`call` raises FileRefused with the same message (the same reason) as `expected`."""
    with pytest.raises(FileRefused) as refused:
        call()
    assert str(refused.value.message) == str(expected.message)


def files_under(root: Path) -> list[Path]:
    """Every file below `root`, hidden folders such as .incoming included."""
    return sorted(Path(folder) / name for folder, _, names in os.walk(root) for name in names)
