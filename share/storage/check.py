"""`flask storage check`: do the StoredFile rows and the stored objects agree?"""

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from share.extensions import db
from share.storage.backends import content_key, sha256_of, storage_backend
from share.storage.models import StoredFile
from share.storage.services import INCOMING

#: Anything younger may belong to an upload whose transaction has not committed yet.
STALE_AFTER_SECONDS = 3600


@dataclass
class StorageReport:
    """What `check_storage` found: where each thing is (a path, or an s3:// URL)."""

    rows_without_file: list[str] = field(default_factory=list)
    files_without_row: list[str] = field(default_factory=list)
    stale_incoming: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def problems_left(self) -> int:
        found = self.rows_without_file + self.files_without_row + self.stale_incoming
        return len(found) - len(self.removed)


def _stale(path: Path, since: float) -> bool:
    try:
        return path.stat().st_mtime < since
    except FileNotFoundError:
        return False  # an upload finished while we looked


def check_storage(fix: bool = False) -> StorageReport:
    """Compare StoredFile rows with the objects in the storage backend and the unfinished
    uploads under UPLOAD_DIR. With `fix`, delete objects no row needs and unfinished
    uploads older than an hour; rows are never deleted. Objects younger than an hour are
    left alone: their upload may not have committed yet."""
    report = StorageReport()
    backend = storage_backend()
    since = time.time() - STALE_AFTER_SECONDS
    known = set(db.session.execute(select(StoredFile.sha256)).scalars())
    objects = list(backend.list())
    present = {each.key for each in objects}
    report.rows_without_file = sorted(s for s in known if content_key(s) not in present)
    orphans = sorted(
        each.key for each in objects if sha256_of(each.key) not in known and each.modified < since
    )
    report.files_without_row = [backend.locate(key) for key in orphans]
    incoming = Path(current_app.config["UPLOAD_DIR"]) / INCOMING
    leftovers = sorted(path for path in incoming.glob("*") if _stale(path, since))
    report.stale_incoming = [str(path) for path in leftovers]
    if fix:
        for key in orphans:
            backend.delete(key)
        for path in leftovers:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        report.removed = report.files_without_row + report.stale_incoming
    return report
