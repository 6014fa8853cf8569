"""`flask storage check [--fix]`: do the StoredFile rows and the files on disk agree?"""

import click
from flask.cli import with_appcontext

from share.storage.check import check_storage


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
