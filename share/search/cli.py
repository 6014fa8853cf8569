import click
from flask.cli import with_appcontext

from share.search import index


@click.group("search")
def search_group() -> None:
    """The search index."""


@search_group.command("reindex")
@with_appcontext
def reindex_command() -> None:
    """Rebuild the index from the database."""
    with click.progressbar(length=index.published_count(), label="Indexing") as bar:
        written = index.rebuild(progress=bar.update)
    click.echo(f"{written} materials indexed")


@search_group.command("check")
@with_appcontext
def check_command() -> None:
    """Report published materials missing from or stale in the index, and leftovers."""
    missing, extra = index.check()
    for material_id in missing:
        click.echo(f"missing or stale: material {material_id}")
    for material_id in extra:
        click.echo(f"in the index but not published: material {material_id}")
    if missing or extra:
        raise SystemExit(1)
    click.echo("the index matches the database")
