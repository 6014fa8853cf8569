"""Files follow the database transaction: same content is stored once, a transaction that
does not commit takes its new files with it, and deletions wait for the commit."""

import io
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from share.storage.models import StoredFile
from share.storage.services import (
    delete_stored_file,
    store_upload,
    stored_path,
    thumbnail_path,
)
from tests.support.builders import image_bytes
from tests.support.database import count
from tests.support.storage import files_under


def store(data: bytes, name: str) -> StoredFile:
    return store_upload(io.BytesIO(data), name)


def all_files() -> list[Path]:
    return files_under(Path(current_app.config["UPLOAD_DIR"]))


def test_same_content_is_stored_once(db):
    first = store(b"samma text\n", "ett.txt")
    second = store(b"samma text\n", "tva.md")
    assert second is first
    db.session.commit()
    third = store(b"samma text\n", "tre.txt")
    assert third.id == first.id
    assert all_files() == [stored_path(first)]


def test_same_image_is_stored_once_after_reencoding(db):
    first = store(image_bytes("PNG"), "a.png")
    second = store(image_bytes("PNG"), "b.png")
    assert second is first and count(StoredFile) == 1
    assert all_files() == sorted([stored_path(first), thumbnail_path(first)])


def test_rollback_removes_the_new_files(db):
    stored = store(image_bytes("PNG"), "a.png")
    assert stored_path(stored).is_file() and thumbnail_path(stored).is_file()
    db.session.rollback()
    assert all_files() == []
    assert count(StoredFile) == 0


def test_closing_without_commit_removes_the_new_files(db):
    # What a request that fails with an error does: the session is closed, not rolled back.
    store(b"halvklar\n", "a.txt")
    db.session.close()
    assert all_files() == []


def test_commit_keeps_the_files(db):
    stored = store(b"kvar\n", "kvar.txt")
    db.session.commit()
    db.session.rollback()
    assert stored_path(stored).read_bytes() == b"kvar\n"


def test_rollback_keeps_files_that_were_there_before(db):
    kept = store(b"redan sparad\n", "a.txt")
    db.session.commit()
    again = store(b"redan sparad\n", "b.txt")
    new = store(b"ny\n", "c.txt")
    new_path = stored_path(new)
    db.session.rollback()
    assert stored_path(again).is_file() and again.id == kept.id
    assert not new_path.exists()


def test_a_row_that_lost_its_file_gets_it_back(db):
    stored = store(b"tappad\n", "a.txt")
    db.session.commit()
    stored_path(stored).unlink()
    again = store(b"tappad\n", "a.txt")
    assert again.id == stored.id and stored_path(stored).read_bytes() == b"tappad\n"
    db.session.rollback()
    assert not stored_path(stored).exists()  # the transaction made it, so it goes with it


def test_savepoint_rollback_removes_only_its_files(db):
    outer = store(b"yttre\n", "a.txt")
    savepoint = db.session.begin_nested()
    inner = store(b"inre\n", "b.txt")
    inner_path = stored_path(inner)
    savepoint.rollback()
    assert not inner_path.exists()
    db.session.commit()
    assert all_files() == [stored_path(outer)]
    assert db.session.execute(select(StoredFile.sha256)).scalars().all() == [outer.sha256]


def test_released_savepoint_files_still_follow_the_outer_transaction(db):
    with db.session.begin_nested():
        stored = store(b"inre\n", "b.txt")
    path = stored_path(stored)
    assert path.is_file()
    db.session.rollback()
    assert not path.exists()


def test_delete_waits_for_the_commit(db):
    stored = store(image_bytes("PNG"), "a.png")
    db.session.commit()
    paths = [stored_path(stored), thumbnail_path(stored)]
    delete_stored_file(stored)
    assert all(path.is_file() for path in paths)
    db.session.rollback()
    assert all(path.is_file() for path in paths) and count(StoredFile) == 1

    delete_stored_file(db.session.get(StoredFile, stored.id))
    db.session.commit()
    assert all_files() == [] and count(StoredFile) == 0
