"""`flask storage check [--fix]`: do the StoredFile rows and the stored objects agree?
`flask storage migrate --to s3`: copy the files on disk into the bucket."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from share.storage.backends import LocalBackend, make_backend
from share.storage.check import check_storage
from share.storage.migrate import migrate_to_bucket


@click.group("storage")
def storage_group() -> None:
    """Stored files."""


@storage_group.command("check")
@click.option("--fix", is_flag=True, help="Delete files no row needs and stale unfinished uploads.")
@with_appcontext
def check_command(fix: bool) -> None:
    """Report rows without a file and files without a row; exit 1 while problems remain.

    Rows are never deleted: a row without its file needs a person to look. Files younger
    than an hour are not judged, as their upload may still be committing."""
    report = check_storage(fix=fix)
    removed = set(report.removed)
    sections = [
        ("Rows whose file is missing", report.rows_without_file),
        ("Files no row refers to", report.files_without_row),
        ("Unfinished uploads older than an hour", report.stale_incoming),
    ]
    for title, items in sections:
        if items:
            click.echo(f"{title} ({len(items)}):")
            for item in items:
                click.echo(f"  {item}{' (removed)' if item in removed else ''}")
    if report.problems_left:
        click.echo(f"{report.problems_left} problem(s) left.")
        raise SystemExit(1)
    click.echo("Storage is consistent." if not removed else f"Fixed: removed {len(removed)}.")


@storage_group.command("migrate")
@click.option("--to", "target", type=click.Choice(["s3"]), required=True)
@with_appcontext
def migrate_command(target: str) -> None:
    """Copy every stored file and thumbnail from UPLOAD_DIR to the bucket the STORAGE_S3_*
    settings name, checking each copy's SHA-256; exit 1 if any failed.

    Run it again after a failure: what the bucket holds whole already is skipped. Then set
    STORAGE_BACKEND=s3 and restart; files uploaded meanwhile need one more run first."""
    source = LocalBackend(Path(current_app.config["UPLOAD_DIR"]))
    report = migrate_to_bucket(source, make_backend(current_app.config, target), click.echo)
    megabytes = report.copied_bytes / 1024 / 1024
    click.echo(
        f"Copied {report.copied} ({megabytes:.1f} MB), already there {report.already_there}, "
        f"failed {len(report.failed)}."
    )
    if report.failed:
        for key, why in report.failed:
            click.echo(f"  {key}: {why}")
        click.echo("Fix these and run it again; it resumes where it failed.")
        raise SystemExit(1)
    click.echo(f"Every file is in the bucket: set STORAGE_BACKEND={target} and restart.")
