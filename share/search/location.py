"""Where the live index is: the directory a pointer file under INDEX_DIR names, so that a
rebuild can build beside it and switch at once."""

import os
import uuid
from pathlib import Path

from flask import current_app

from share.search.documents import SCHEMA_VERSION


def _pointer() -> Path:
    """The file naming the live index's directory under INDEX_DIR, one per schema version:
    a rebuild makes a new directory beside the live one and then replaces this file."""
    return Path(current_app.config["INDEX_DIR"]) / f"live-v{SCHEMA_VERSION}"


def index_dir() -> Path:
    """The live index's directory: the one the pointer file names, else v<schema version>
    (an index no rebuild has switched yet)."""
    try:
        name = _pointer().read_text().strip()
    except FileNotFoundError:
        name = ""
    if not name or "/" in name or name.startswith("."):
        name = f"v{SCHEMA_VERSION}"
    return _pointer().parent / name


def new_index_dir() -> Path:
    """A directory for an index built beside the live one (not made yet)."""
    return _pointer().parent / f"v{SCHEMA_VERSION}-{uuid.uuid4().hex[:12]}"


def switch_to(directory: Path) -> None:
    """Make `directory` the live index, atomically: readers see the old or the new name."""
    pointer = _pointer()
    written = pointer.with_name(f".{pointer.name}.{uuid.uuid4().hex[:8]}")
    written.write_text(directory.name)
    os.replace(written, pointer)


def index_exists(directory: Path) -> bool:
    """Whether an index has been made in `directory`: it has a table of contents. Unlike
    Whoosh's exists_in, reads none, which a commit may replace under the reader."""
    return next(directory.glob("*.toc"), None) is not None
