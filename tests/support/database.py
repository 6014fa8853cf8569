"""The test database: counting rows, and emptying it between tests."""

import shutil
from pathlib import Path

from flask import current_app
from sqlalchemy import delete, select

from share.extensions import db
from share.search.synonyms import seed_synonyms
from share.vocabularies.seed import seed_vocabularies


def count(model) -> int:
    return len(db.session.execute(select(model)).scalars().all())


def empty_tables() -> None:
    """Delete every row, stored file and index entry tests made; put the seeded
    vocabularies back. Runs in an app context of the app whose database it empties."""
    db.session.rollback()
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(delete(table))
    seed_vocabularies()
    seed_synonyms()
    db.session.commit()
    for setting in ("UPLOAD_DIR", "INDEX_DIR"):
        directory = Path(current_app.config[setting])
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir()
