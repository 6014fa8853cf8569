"""`flask storage check [--fix]`: rows without files and files without rows."""

import io
import os
import time
from pathlib import Path

from flask import current_app

from share.storage.models import StoredFile, TextState
from share.storage.services import store_upload, stored_path
from tests.support.builders import image_bytes

HOURS_AGO = time.time() - 2 * 3600


def backdate(path: Path) -> None:
    os.utime(path, (HOURS_AGO, HOURS_AGO))


def test_consistent_storage_passes(db, runner):
    store_upload(io.BytesIO(image_bytes("PNG")), "a.png")
    db.session.commit()
    result = runner.invoke(args=["storage", "check"])
    assert result.exit_code == 0, result.output
    assert "Storage is consistent." in result.output


def test_check_reports_and_fix_removes_only_files(db, runner):
    kept = store_upload(io.BytesIO(b"kvar\n"), "kvar.txt")
    ghost = StoredFile(
        sha256="f" * 64, size=1, file_type="txt", mime_type="text/plain", text_state=TextState.NONE
    )
    db.session.add(ghost)
    db.session.commit()
    root = Path(current_app.config["UPLOAD_DIR"])
    orphan = stored_path(kept).with_name("0" * 64)
    orphan.write_bytes(b"ingen rad")
    backdate(orphan)
    orphan_thumbnail = root / "thumbnails" / "ab" / ("ab" * 32 + ".webp")
    orphan_thumbnail.parent.mkdir(parents=True)
    orphan_thumbnail.write_bytes(b"RIFF")
    backdate(orphan_thumbnail)
    leftover = root / ".incoming" / "tmp-gammal"
    leftover.mkdir(parents=True)
    (leftover / "upload").write_bytes(b"halv")
    backdate(leftover)
    in_progress = root / ".incoming" / "tmp-pagar"
    in_progress.mkdir()
    just_placed = stored_path(kept).with_name("1" * 64)
    just_placed.write_bytes(b"en uppladdning som inte hunnit committa")

    result = runner.invoke(args=["storage", "check"])
    assert result.exit_code == 1
    assert "f" * 64 in result.output
    for path in (orphan, orphan_thumbnail, leftover):
        assert str(path) in result.output
    for path in (in_progress, just_placed, stored_path(kept)):
        assert str(path) not in result.output
    assert "4 problem(s) left." in result.output
    assert orphan.exists() and leftover.exists()  # without --fix nothing is touched

    fixed = runner.invoke(args=["storage", "check", "--fix"])
    assert fixed.exit_code == 1  # a row without its file needs a person, not a deletion
    assert f"{orphan} (removed)" in fixed.output
    assert not orphan.exists() and not orphan_thumbnail.exists() and not leftover.exists()
    assert stored_path(kept).is_file() and in_progress.exists() and just_placed.exists()
    assert db.session.get(StoredFile, ghost.id) is not None

    db.session.delete(ghost)
    db.session.commit()
    just_placed.unlink()
    assert runner.invoke(args=["storage", "check"]).exit_code == 0
