import logging
import signal
import threading

import click
from flask import current_app
from flask.cli import with_appcontext

from share.extensions import db
from share.search import upkeep
from share.search.backends import BACKENDS
from share.search.location import live
from share.search.locks import RebuildRunning
from share.search.synonyms import seed_synonyms
from share.search.worker import Indexer


@click.group("search")
def search_group() -> None:
    """The search index."""


@search_group.command("reindex")
@click.option(
    "--backend",
    type=click.Choice(sorted(BACKENDS)),
    help="Build the new index in this engine (default: the live index's). Searches go on "
    "in the old one until the new one is switched to.",
)
@with_appcontext
def reindex_command(backend: str | None) -> None:
    """Rebuild the index from the database, beside the live one."""
    with click.progressbar(length=upkeep.published_count(), label="Indexing") as bar:
        try:
            written = upkeep.rebuild(progress=bar.update, backend_name=backend)
        except RebuildRunning as error:
            raise click.ClickException(error.message) from error
    click.echo(f"{written} materials indexed, in {live()[0].name}")


@search_group.command("worker")
@with_appcontext
def worker_command() -> None:
    """Keep the index up to date: apply changes as they are committed, until SIGTERM or
    SIGINT (a batch under way is finished first). One indexes for the whole install; a
    second waits to take over."""
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    Indexer(current_app._get_current_object(), stop).run()


@search_group.command("seed-synonyms")
@with_appcontext
def seed_synonyms_command() -> None:
    """Add the starting synonym list when there is none (idempotent)."""
    added = seed_synonyms()
    db.session.commit()
    click.echo(f"synonym groups added: {added}")


@search_group.command("check")
@with_appcontext
def check_command() -> None:
    """Report published materials missing from or stale in the index, and leftovers."""
    missing, extra = upkeep.check()
    for material_id in missing:
        click.echo(f"missing or stale: material {material_id}")
    for material_id in extra:
        click.echo(f"in the index but not published: material {material_id}")
    if missing or extra:
        raise SystemExit(1)
    click.echo("the index matches the database")
