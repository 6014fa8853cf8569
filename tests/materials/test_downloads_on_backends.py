"""Uploads and downloads through the share form on each storage backend (the local disk, a
real MinIO bucket): what a download sends, presigned downloads, and a 50 MB file going up
and down without the app's memory growing with it."""

import hashlib
import io
import os
import re
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from share.materials.models import Attachment
from share.storage import backends
from share.storage.backends import content_key
from share.storage.backends.s3 import S3Backend
from tests.support.builders import png_bytes, text_file
from tests.support.materials import create, only_material

pytestmark = pytest.mark.usefixtures("storage_backend")

MP4_HEADER = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"


def file_path(material, attachment) -> str:
    return f"/material/{material.id}/filer/{attachment.id}"


def test_a_download_streams_with_its_headers(browser, signed_in, material_form, db):
    signed_in()
    content = "Åk 7 bråk: ½ + ¼ = ¾\n"
    create(browser, material_form, files=[text_file(content, "Åk 7 bråk.txt")])
    material = only_material(db)
    attachment = material.attachments[0]
    path = file_path(material, attachment)
    with browser.client.get(path) as response:
        assert response.status_code == 200
        assert response.get_data() == content.encode()
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''" + quote("Åk 7 bråk.txt") in disposition
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Content-Length"] == str(len(content.encode()))
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["ETag"] == f'"{attachment.stored_file.sha256}"'
    with browser.client.get(path, headers={"Range": "bytes=5-"}) as response:
        assert response.status_code == 206 and response.get_data() == content.encode()[5:]
    with browser.client.head(path) as response:
        assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Attachment, attachment.id).download_count == 1


def test_a_thumbnail_comes_from_the_backend(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form, files=[(io.BytesIO(png_bytes()), "bild.png")])
    material = only_material(db)
    with browser.client.get(file_path(material, material.attachments[0]) + "/miniatyr") as answer:
        assert answer.status_code == 200
        assert answer.get_data()[8:12] == b"WEBP"
    assert answer.headers["Content-Type"] == "image/webp"
    assert answer.headers["Cache-Control"] == "private, max-age=3600"
    assert "sandbox" in answer.headers["Content-Security-Policy"]


def test_a_file_missing_from_the_backend_is_not_found(browser, signed_in, material_form, db):
    signed_in()
    create(browser, material_form, files=[text_file("borta", "a.txt")])
    material = only_material(db)
    attachment = material.attachments[0]
    backends.storage_backend().delete(content_key(attachment.stored_file.sha256))
    assert browser.client.get(file_path(material, attachment)).status_code == 404


def test_a_presigned_download_carries_the_same_headers(
    browser, signed_in, material_form, db, app, storage_backend, monkeypatch
):
    if storage_backend == "local":
        pytest.skip("only a bucket presigns")
    signed_in()
    content = "Åk 7 bråk: ½ + ¼ = ¾\n"
    create(browser, material_form, files=[text_file(content, "Åk 7 bråk.txt")])
    material = only_material(db)
    attachment = material.attachments[0]
    with browser.client.head(file_path(material, attachment)) as proxied:
        assert proxied.status_code == 200
    monkeypatch.setitem(app.config, "STORAGE_S3_PRESIGNED_DOWNLOADS", True)
    with browser.client.get(file_path(material, attachment)) as response:
        assert response.status_code == 303
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    link = response.headers["Location"]
    assert link.startswith(app.config["STORAGE_S3_ENDPOINT_URL"]) and "X-Amz-Expires=300" in link
    with urllib.request.urlopen(link, timeout=10) as direct:  # noqa: S310 (MinIO's http URL)
        assert direct.read() == content.encode()
        headers = direct.headers
    # What the bucket sends is what the app sends when it serves the file itself.
    assert headers["Content-Disposition"] == proxied.headers["Content-Disposition"]
    assert headers["Content-Type"] == proxied.headers["Content-Type"]
    db.session.expire_all()
    assert db.session.get(Attachment, attachment.id).download_count == 1


def peak_growth_mb(action) -> float:
    """How far this process's peak memory rose above its size while `action` ran."""
    Path("/proc/self/clear_refs").write_text("5")  # the peak (VmHWM) starts again from now
    before = _status_kib("VmRSS")
    action()
    return (_status_kib("VmHWM") - before) / 1024


def _status_kib(field: str) -> int:
    status = Path("/proc/self/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.M).group(1))


def write_mp4(path: Path, megabytes: int) -> str:
    """An MP4-like file of `megabytes` MB written in 1 MB pieces; its SHA-256."""
    digest = hashlib.sha256()
    block = os.urandom(1024 * 1024 - len(MP4_HEADER))
    with path.open("wb") as file:
        for piece in [MP4_HEADER + block] + [os.urandom(1024 * 1024)] * (megabytes - 1):
            file.write(piece)
            digest.update(piece)
    return digest.hexdigest()


@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux's /proc")
def test_a_50_mb_file_goes_up_and_down_with_memory_flat(
    browser, signed_in, material_form, db, tmp_path
):
    signed_in()
    create(browser, material_form, action="draft")
    material = only_material(db)
    files = f"/material/{material.id}/filer"

    def upload(path: Path) -> None:
        with path.open("rb") as file:
            response = browser.post(
                files, {"files": [(file, path.name)]}, token_from=f"/material/{material.id}",
                content_type="multipart/form-data",
            )  # fmt: skip
        # The request body the test client spooled to a temporary file: Flask's client
        # leaves it open.
        response.request.input_stream.close()
        assert response.status_code == 302, response.get_data(as_text=True)[-500:]

    def download(attachment) -> str:
        digest = hashlib.sha256()
        with browser.client.get(file_path(material, attachment), buffered=False) as response:
            assert response.status_code == 200
            for chunk in response.response:
                digest.update(chunk)
        return digest.hexdigest()

    small, big = tmp_path / "liten.mp4", tmp_path / "stor.mp4"
    write_mp4(small, 1)
    big_sha256 = write_mp4(big, 50)
    upload(small)  # imports, connections and caches are paid for before measuring
    growth_up = peak_growth_mb(lambda: upload(big))
    attachment = only_material(db).attachments[-1]
    assert attachment.stored_file.sha256 == big_sha256
    backend = backends.storage_backend()
    if isinstance(backend, S3Backend):  # sent in parts of 8 MB: the ETag says how many
        key = backend.prefix + content_key(big_sha256)
        etag = backend.client.head_object(Bucket=backend.bucket, Key=key)["ETag"]
        assert etag.endswith('-7"'), etag
    found = {}
    growth_down = peak_growth_mb(lambda: found.update(sha256=download(attachment)))
    assert found["sha256"] == big_sha256
    # The whole file would be 50 MB (and a copy or two of it more): these are the chunks.
    assert growth_up < 30, f"the upload grew the peak by {growth_up:.0f} MB"
    assert growth_down < 30, f"the download grew the peak by {growth_down:.0f} MB"


def test_a_bucket_that_cannot_be_reached_answers_503(
    browser, signed_in, material_form, db, app, storage_backend, monkeypatch
):
    if storage_backend == "local":
        pytest.skip("the local disk is always there")
    signed_in()
    create(browser, material_form, files=[(io.BytesIO(png_bytes()), "bild.png")])
    material = only_material(db)
    path = file_path(material, material.attachments[0])
    # Port 9 (discard) refuses connections: the store is away.
    monkeypatch.setitem(app.config, "STORAGE_S3_ENDPOINT_URL", "http://127.0.0.1:9")
    for url in (path, path + "/miniatyr"):
        response = browser.client.get(url)
        assert response.status_code == 503
        assert "<h1" in response.get_data(as_text=True)
    response = browser.add_files(material.id, [text_file("ny", "ny.txt")])
    assert response.status_code == 503
    assert "Dela kunde inte nå sin fillagring" in response.get_data(as_text=True)
    assert len(only_material(db).attachments) == 1
