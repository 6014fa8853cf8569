import click
from flask.cli import with_appcontext

from share.extensions import db
from share.vocabularies.seed import seed_vocabularies


@click.command("seed-vocabularies")
@with_appcontext
def seed_vocabularies_command() -> None:
    """Add the vocabulary terms that are missing (idempotent)."""
    added = seed_vocabularies()
    db.session.commit()
    for vocabulary, count in added.items():
        click.echo(f"{vocabulary}: {count} added")
