import click
from flask.cli import with_appcontext

from share.storage.services import check_storage


@click.group("storage")
def storage_group() -> None:
    """Stored files."""


@storage_group.command("check")
@click.option("--fix", is_flag=True, help="Remove files that no row refers to.")
@with_appcontext
def check_command(fix: bool) -> None:
    """Report rows without files and files without rows; exit 1 if problems remain."""
    report = check_storage(fix=fix)
    for sha256 in report.rows_without_file:
        click.echo(f"row without file: {sha256}")
    for path in report.files_without_row:
        click.echo(f"file without row: {path}{' (removed)' if fix else ''}")
    for path in report.stale_incoming:
        click.echo(f"unfinished upload: {path}{' (removed)' if fix else ''}")
    if report.problems == 0:
        click.echo("storage is consistent")
    remaining = len(report.rows_without_file) + (0 if fix else report.problems)
    if remaining:
        raise SystemExit(1)
