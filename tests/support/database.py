"""The test database: counting rows, and emptying it between tests."""

import shutil
import threading
from pathlib import Path

from flask import current_app
from sqlalchemy import Table, delete, insert, select

from share.extensions import db
from share.storage.backends import storage_backend
from tests.support.opensearch import delete_indices

#: Per database URL, the rows a test starts with (the seeded vocabularies and synonyms):
#: noted once by `remember_seeded_rows`, put back by every `empty_tables`.
_SEEDED: dict[str, list[tuple[Table, list[dict]]]] = {}


def count(model) -> int:
    return len(db.session.execute(select(model)).scalars().all())


def remember_seeded_rows() -> None:
    """Note the rows the database holds now, once it is made and seeded, as the rows every
    test starts with. Runs in an app context of an app on that database."""
    tables = [
        (table, [row._asdict() for row in db.session.execute(select(table))])
        for table in db.metadata.sorted_tables
    ]
    _SEEDED[str(db.engine.url)] = [(table, rows) for table, rows in tables if rows]


def empty_tables() -> None:
    """Delete every row, stored file and index entry tests made, and put the seeded rows
    back as `remember_seeded_rows` found them. Runs in an app context of an app on the
    database it empties."""
    db.session.rollback()
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(delete(table))
    for table, rows in _SEEDED[str(db.engine.url)]:
        db.session.execute(insert(table), rows)
    db.session.commit()
    for setting in ("UPLOAD_DIR", "INDEX_DIR"):
        directory = Path(current_app.config[setting])
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir()
    if current_app.config["STORAGE_BACKEND"] != "local":
        backend = storage_backend()
        for stored in backend.list():
            backend.delete(stored.key)
    for url in current_app.config["OPENSEARCH_HOSTS"][:1]:  # where the search tests use one
        delete_indices(url, current_app.config["OPENSEARCH_INDEX_PREFIX"])


def waited_for_this_transaction(other_request) -> bool:
    """Run `other_request` in a thread while this session's transaction holds its locks,
    then commit; whether the other was still waiting when it was given two seconds."""
    other = threading.Thread(target=other_request)
    other.start()
    other.join(timeout=2)
    waited = other.is_alive()
    db.session.commit()
    other.join(timeout=10)
    return waited
