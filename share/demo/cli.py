import click
from flask import current_app
from flask.cli import with_appcontext

from share.demo.accounts import DEMO_PASSWORD, seed_demo_accounts
from share.demo.feedback import seed_demo_feedback
from share.demo.materials import ensure_demo_authors, seed_demo_materials
from share.demo.moderation import seed_demo_moderation
from share.demo.tries import seed_demo_tries
from share.demo.variants import seed_demo_variants
from share.extensions import db


@click.command("seed-demo")
@with_appcontext
def seed_demo_command() -> None:
    """Add the demo areas, units, accounts, materials and variants that are missing; what
    is there is kept.

    Refused, with nothing created, where DEMO_SEEDING_ALLOWED is off (production).
    """
    if not current_app.config["DEMO_SEEDING_ALLOWED"]:
        raise click.ClickException(
            "seed-demo is for development only: its accounts have a published password. "
            "Nothing was created. Make the first administrator with `flask create-user`."
        )
    seed_demo_accounts()
    created = seed_demo_materials(ensure_demo_authors())
    reports = seed_demo_tries()
    variants = seed_demo_variants(ensure_demo_authors())
    discussed = seed_demo_feedback(ensure_demo_authors())
    flagged = seed_demo_moderation()
    db.session.commit()
    click.echo(f"Demo materials added: {created}")
    click.echo(f"Demo try reports added: {reports}")
    click.echo(f"Demo variants added: {variants}")
    click.echo(f"Demo feedback and comments added: {discussed}")
    click.echo(f"Demo reports to moderators added: {flagged}")
    click.echo(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for user in sorted(ensure_demo_authors().values(), key=lambda user: user.email):
        click.echo(f"  {user.email:32} {user.role.value}")
