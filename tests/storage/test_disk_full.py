"""An upload that meets a full disk: 507, the form kept, nothing half-stored.

The disk is really full: the upload folder is a 256 KiB tmpfs, mounted in a mount namespace
of the server's own (`unshare --user --map-root-user --mount`, which needs no root where
unprivileged user namespaces are allowed), and the server, a test client in a child
process, writes to it as it would to a full disk in production.
"""

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from share.materials.models import Material
from share.storage.models import StoredFile
from share.vocabularies.models import CoreProcess
from tests.support.ci import skip_or_fail
from tests.support.database import count

ROOT = Path(__file__).resolve().parents[2]
MOUNT = 'mount -t tmpfs -o size=256k tmpfs "$0" || exit 77; exec "$@"'

SERVER = textwrap.dedent(
    """
    import io, json, os, random, sys
    from PIL import Image
    from config import TestConfig
    from share import create_app
    from tests.support.client import Browser

    url, upload_dir, index_dir, email, process_id, scenario = sys.argv[1:]
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI, config.UPLOAD_DIR, config.INDEX_DIR = url, upload_dir, index_dir
    app = create_app(config)

    if scenario == "text":
        # Larger than the whole disk: the copy to the disk fails.
        upload, name, leave = b"rad med text\\n" * 30_000, "Lektionsplan.txt", 64 * 1024
    else:
        # Noise, which no encoder shrinks: the upload fits, its re-encoded copy does not.
        noise = random.Random(1).randbytes(120 * 120 * 3)
        output = io.BytesIO()
        Image.frombytes("RGB", (120, 120), noise).save(output, "PNG")
        upload, name = output.getvalue(), "Tallinjen.png"
        leave = len(upload) + 8 * 1024
    disk = os.statvfs(upload_dir)
    with open(os.path.join(upload_dir, "filler"), "wb") as filler:
        filler.write(b"\\0" * (disk.f_bavail * disk.f_frsize - leave))

    browser = Browser(app.test_client())
    assert browser.sign_in(email).status_code == 302
    form = {
        "kind": "method", "title": "Bråk på tallinjen", "summary": "Tallinjen gör bråk synliga.",
        "core_process_ids": [process_id], "tags": "", "licence": "cc-by-4.0",
        "action": "publish", "files": (io.BytesIO(upload), name),
    }
    response = browser.post(
        "/material/ny", form, token_from="/material/ny", content_type="multipart/form-data"
    )
    left = sorted(
        os.path.relpath(os.path.join(folder, file), upload_dir)
        for folder, _, files in os.walk(upload_dir) for file in files
    )
    print(json.dumps({
        "status": response.status_code,
        "html": response.get_data(as_text=True),
        "left": left,
    }))
    """
)


def upload_to_a_full_disk(
    database_url: str, tmp_path: Path, email: str, process_id: int, scenario: str
) -> dict:
    """What the share form answers when its upload meets a full disk."""
    if shutil.which("unshare") is None:
        skip_or_fail("unshare (util-linux) is not installed")
    mount_point = tmp_path / "full-disk"
    mount_point.mkdir()
    arguments = [database_url, str(mount_point), str(tmp_path / "index"), email, str(process_id)]
    result = subprocess.run(
        [
            "unshare", "--user", "--map-root-user", "--mount", "sh", "-c", MOUNT,
            str(mount_point), sys.executable, "-c", SERVER, *arguments, scenario,
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if result.returncode == 77 or result.stderr.startswith("unshare:"):
        skip_or_fail(f"cannot mount a small tmpfs in a namespace: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("scenario", ["text", "image"])
def test_an_upload_meeting_a_full_disk_says_so_and_keeps_the_form(
    database_url, db, make_user, tmp_path, scenario
):
    author = make_user()
    process_id = db.session.execute(select(CoreProcess.id).limit(1)).scalar_one()
    answer = upload_to_a_full_disk(database_url, tmp_path, author.email, process_id, scenario)
    assert answer["status"] == 507
    html = answer["html"]
    assert "Dela har inget utrymme kvar för filer" in html
    assert "Bilden är skadad" not in html
    assert 'value="Bråk på tallinjen"' in html  # the form is kept
    assert answer["left"] == ["filler"]  # nothing half-stored
    db.session.expire_all()
    assert count(Material) == 0 and count(StoredFile) == 0
