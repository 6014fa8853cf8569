"""Where the live index is and which backend it belongs to: the directory a pointer file
under INDEX_DIR names, so that a rebuild can build beside it (in the same backend or
another) and switch at once.

A directory's name says its backend: "tantivy-v9…" is tantivy's, "opensearch-v9…"
OpenSearch's, "v9…" Whoosh's (the names older installs have). SEARCH_BACKEND says which
backend a new install's first index is made with; after that the pointer has the last
word, so every process follows a switch made by `flask search reindex --backend`.

OpenSearch is shared by machines that do not share INDEX_DIR: where the pointer (or, with
none, SEARCH_BACKEND) says OpenSearch, the server's live alias says which of its indexes is
live, and a switch moves that alias as well as the pointer.
"""

import os
import uuid
from pathlib import Path

from flask import current_app

from share.search.backends import BACKENDS, backend
from share.search.backends.base import Backend
from share.search.documents import SCHEMA_VERSION

DEFAULT_BACKEND = "whoosh"


def _pointer() -> Path:
    """The file naming the live index's directory under INDEX_DIR, one per schema version:
    a rebuild makes a new directory beside the live one and then replaces this file."""
    return Path(current_app.config["INDEX_DIR"]) / f"live-v{SCHEMA_VERSION}"


def _base_name(backend_name: str) -> str:
    prefix = "" if backend_name == DEFAULT_BACKEND else f"{backend_name}-"
    return f"{prefix}v{SCHEMA_VERSION}"


def index_dir() -> Path:
    """The live index's directory: the one the pointer file names, else the configured
    backend's first (an index no rebuild has switched yet); for a backend that knows its
    live index itself, the one it names."""
    try:
        name = _pointer().read_text().strip()
    except FileNotFoundError:
        name = ""
    if not name or "/" in name or name.startswith("."):
        name = _base_name(current_app.config["SEARCH_BACKEND"])
    directory = _pointer().parent / name
    known = backend_of(directory).live_name()
    return directory.with_name(known) if known else directory


def backend_of(directory: Path) -> Backend:
    """The backend whose index `directory` holds, by its name."""
    prefix = directory.name.partition("-")[0]
    return backend(prefix if prefix in BACKENDS else DEFAULT_BACKEND)


def live() -> tuple[Backend, Path]:
    """The live index's backend and directory."""
    directory = index_dir()
    return backend_of(directory), directory


def new_index_dir(backend_name: str) -> Path:
    """A directory for an index of `backend_name` built beside the live one (not made yet)."""
    return _pointer().parent / f"{_base_name(backend_name)}-{uuid.uuid4().hex[:12]}"


def switch_to(directory: Path) -> None:
    """Make `directory` the live index, atomically: readers see the old or the new name."""
    backend_of(directory).make_live(directory)
    pointer = _pointer()
    written = pointer.with_name(f".{pointer.name}.{uuid.uuid4().hex[:8]}")
    written.write_text(directory.name)
    os.replace(written, pointer)


def index_exists(directory: Path) -> bool:
    """Whether an index has been made in `directory`."""
    return backend_of(directory).exists(directory)
