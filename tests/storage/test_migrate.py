"""`flask storage migrate --to s3`: the files on disk copied into a real MinIO bucket,
checked by SHA-256, and resumed after a failure."""

import io

import pytest

from share.storage.backends import content_key, make_backend, thumbnail_key
from share.storage.services import store_upload, stored_path
from tests.support.builders import image_bytes


@pytest.fixture
def bucket(observer_app, s3_server, monkeypatch):
    """The S3 settings on the app the commands run in (the test's own, whose context is
    pushed), its backend still the local disk; the bucket emptied afterwards."""
    for name, value in {**s3_server.settings, "STORAGE_S3_PREFIX": "migrate"}.items():
        monkeypatch.setitem(observer_app.config, name, value)
    backend = make_backend(observer_app.config, "s3")
    yield backend
    for stored in backend.list():
        backend.delete(stored.key)


def test_migrate_copies_everything_and_resumes_after_a_failure(
    db, runner, bucket, observer_app, monkeypatch
):
    photo = store_upload(io.BytesIO(image_bytes("PNG")), "foto.png")
    notes = store_upload(io.BytesIO(b"anteckningar\n"), "a.txt")
    broken = store_upload(io.BytesIO(b"blir trasig\n"), "b.txt")
    db.session.commit()
    expected = sorted(
        [content_key(each.sha256) for each in (photo, notes, broken)]
        + [thumbnail_key(photo.sha256)]
    )
    path = stored_path(broken)
    path.write_bytes(b"trasig nu\n")  # no longer what its address says

    failed = runner.invoke(args=["storage", "migrate", "--to", "s3"])
    assert failed.exit_code == 1, failed.output
    assert f"{content_key(broken.sha256)}: FAILED: the local file is damaged" in failed.output
    assert "Copied 3 (" in failed.output and "already there 0, failed 1." in failed.output
    in_bucket = sorted(each.key for each in bucket.list())
    assert in_bucket == sorted(set(expected) - {content_key(broken.sha256)})

    path.write_bytes(b"blir trasig\n")  # the operator puts the file back
    resumed = runner.invoke(args=["storage", "migrate", "--to", "s3"])
    assert resumed.exit_code == 0, resumed.output
    assert "Copied 1 (0.0 MB), already there 3, failed 0." in resumed.output
    assert f"{content_key(notes.sha256)}: already there" in resumed.output
    assert sorted(each.key for each in bucket.list()) == expected
    for each in (photo, notes, broken):
        with bucket.open(content_key(each.sha256)) as stream:
            assert stream.read() == stored_path(each).read_bytes()
    assert bucket.head(content_key(notes.sha256)) == (notes.size, notes.sha256)

    monkeypatch.setitem(observer_app.config, "STORAGE_BACKEND", "s3")  # the switch
    checked = runner.invoke(args=["storage", "check"])
    assert checked.exit_code == 0, checked.output
    assert "Storage is consistent." in checked.output


def test_migrate_replaces_an_object_that_is_not_whole(db, runner, bucket, tmp_path):
    notes = store_upload(io.BytesIO(b"hela texten\n"), "a.txt")
    db.session.commit()
    half = tmp_path / "half"
    half.write_bytes(b"hela")
    bucket.put(content_key(notes.sha256), half, "text/plain", notes.sha256)  # cut off

    result = runner.invoke(args=["storage", "migrate", "--to", "s3"])
    assert result.exit_code == 0, result.output
    assert "Copied 1 (" in result.output
    with bucket.open(content_key(notes.sha256)) as stream:
        assert stream.read() == b"hela texten\n"
