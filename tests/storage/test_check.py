from share.storage.models import StoredFile, TextState
from share.storage.services import store_upload, stored_path


def test_check_reports_and_fixes(db, runner, app):
    import io

    kept = store_upload(io.BytesIO(b"kvar\n"), "kvar.txt")
    db.session.commit()
    assert runner.invoke(args=["storage", "check"]).exit_code == 0

    ghost = StoredFile(
        sha256="f" * 64, size=1, file_type="txt", mime_type="text/plain", text_state=TextState.NONE
    )
    db.session.add(ghost)
    orphan = stored_path(kept).with_name("0" * 64)
    orphan.write_bytes(b"ingen rad")
    db.session.commit()

    result = runner.invoke(args=["storage", "check"])
    assert result.exit_code == 1
    assert "row without file: " + "f" * 64 in result.output
    assert f"file without row: {orphan}" in result.output

    fixed = runner.invoke(args=["storage", "check", "--fix"])
    assert not orphan.exists()
    assert stored_path(kept).exists()
    assert fixed.exit_code == 1  # the row without a file needs a person, not a deletion
