"""Stored files on each storage backend (the local disk, a real MinIO bucket): they follow
the SQL transaction, and `flask storage check` compares the rows with the objects."""

import io

import pytest
from flask import current_app

from share.storage import check
from share.storage.backends import content_key, storage_backend, thumbnail_key
from share.storage.errors import refused_storage_unavailable
from share.storage.models import StoredFile, TextState
from share.storage.services import delete_stored_file, store_upload
from tests.support.builders import image_bytes
from tests.support.database import count
from tests.support.storage import assert_refused, stored_bytes, stored_keys

pytestmark = pytest.mark.usefixtures("storage_backend")


def store(data: bytes, name: str) -> StoredFile:
    return store_upload(io.BytesIO(data), name)


def keys_of(stored: StoredFile) -> list[str]:
    return sorted([content_key(stored.sha256), thumbnail_key(stored.sha256)])


def test_a_file_and_its_thumbnail_are_stored_by_content(db):
    stored = store(image_bytes("PNG"), "a.png")
    db.session.commit()
    assert stored_keys() == keys_of(stored)
    assert stored_bytes(content_key(stored.sha256))[:8] == b"\x89PNG\r\n\x1a\n"
    assert stored_bytes(thumbnail_key(stored.sha256))[8:12] == b"WEBP"
    assert storage_backend().size(content_key(stored.sha256)) == stored.size


def test_same_content_is_stored_once(db):
    first = store(b"samma text\n", "ett.txt")
    db.session.commit()
    again = store(b"samma text\n", "tva.md")
    assert again.id == first.id
    assert stored_keys() == [content_key(first.sha256)]


def test_rollback_leaves_no_object(db):
    stored = store(image_bytes("PNG"), "a.png")
    assert stored_keys() == keys_of(stored)
    db.session.rollback()
    assert stored_keys() == []
    assert count(StoredFile) == 0


def test_closing_without_commit_leaves_no_object(db):
    store(b"halvklar\n", "a.txt")
    db.session.close()
    assert stored_keys() == []


def test_a_savepoint_rolled_back_takes_only_its_objects(db):
    kept = store(b"kvar\n", "kvar.txt")
    savepoint = db.session.begin_nested()
    store(b"bara i sparpunkten\n", "borta.txt")
    savepoint.rollback()
    db.session.commit()
    assert stored_keys() == [content_key(kept.sha256)]


def test_a_deletion_waits_for_the_commit(db):
    stored = store(image_bytes("PNG"), "a.png")
    db.session.commit()
    delete_stored_file(stored)
    assert stored_keys() == keys_of(stored)  # still there until the commit
    db.session.rollback()
    assert stored_keys() == keys_of(stored)  # a rollback keeps it
    delete_stored_file(db.session.get(StoredFile, stored.id))
    db.session.commit()
    assert stored_keys() == []


def test_a_row_that_lost_its_object_gets_it_back(db):
    stored = store(b"tappad\n", "a.txt")
    db.session.commit()
    storage_backend().delete(content_key(stored.sha256))
    again = store(b"tappad\n", "b.txt")
    db.session.commit()
    assert again.id == stored.id
    assert stored_bytes(content_key(stored.sha256)) == b"tappad\n"


def test_check_finds_a_missing_object_and_a_leftover_one(db, runner, monkeypatch, tmp_path):
    kept = store(b"kvar\n", "kvar.txt")
    ghost = StoredFile(
        sha256="f" * 64, size=1, file_type="txt", mime_type="text/plain", text_state=TextState.NONE
    )
    db.session.add(ghost)
    db.session.commit()
    backend = storage_backend()
    leftover = tmp_path / "leftover"
    leftover.write_bytes(b"ingen rad")
    backend.put(content_key("0" * 64), leftover, "text/plain", "0" * 64)
    assert "Storage is consistent." not in runner.invoke(args=["storage", "check"]).output

    # Objects can't be made older in a bucket: count every one as old enough to judge.
    monkeypatch.setattr(check, "STALE_AFTER_SECONDS", -60)
    result = runner.invoke(args=["storage", "check"])
    assert result.exit_code == 1
    assert "Rows whose file is missing (1):\n  " + "f" * 64 in result.output
    assert f"Files no row refers to (1):\n  {backend.locate(content_key('0' * 64))}\n" in (
        result.output
    )
    assert stored_keys() == sorted([content_key(kept.sha256), content_key("0" * 64)])

    fixed = runner.invoke(args=["storage", "check", "--fix"])
    assert f"{backend.locate(content_key('0' * 64))} (removed)" in fixed.output
    assert fixed.exit_code == 1  # the row without its object needs a person
    assert stored_keys() == [content_key(kept.sha256)]
    db.session.delete(ghost)
    db.session.commit()
    assert runner.invoke(args=["storage", "check"]).exit_code == 0


def test_a_store_that_cannot_be_reached_refuses_the_upload(db, storage_backend, monkeypatch):
    if storage_backend == "local":
        pytest.skip("the local disk is always there")
    # Port 9 (discard) refuses connections: the store is away.
    monkeypatch.setitem(current_app.config, "STORAGE_S3_ENDPOINT_URL", "http://127.0.0.1:9")
    assert_refused(lambda: store(b"ingenstans\n", "a.txt"), refused_storage_unavailable())
    db.session.rollback()
    assert count(StoredFile) == 0


def test_a_stream_starts_where_the_reader_seeks(db):
    stored = store(b"0123456789\n", "siffror.txt")
    db.session.commit()
    with storage_backend().open(content_key(stored.sha256)) as stream:
        assert stream.read(2) == b"01"
        stream.seek(5)
        assert stream.read() == b"56789\n" and stream.tell() == 11
