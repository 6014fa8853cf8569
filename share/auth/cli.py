import click
from flask.cli import with_appcontext
from sqlalchemy import select

from share.auth.models import Role
from share.auth.services import AccountError, create_user
from share.extensions import db
from share.schools.models import Unit


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role", type=click.Choice([role.value for role in Role]), default=Role.TEACHER.value
)
@click.option(
    "--unit", "unit_name", help="The unit's name, exactly as in Dela (optional for admins)."
)
@click.password_option(help="Asked for at a prompt when not given.")
@with_appcontext
def create_user_command(email: str, name: str, role: str, unit_name: str | None, password: str):
    """Create an account from a script or a terminal."""
    unit_id = None
    if unit_name:
        unit_id = db.session.execute(select(Unit.id).where(Unit.name == unit_name)).scalar()
        if unit_id is None:
            raise click.BadParameter(f"no unit is named {unit_name!r}", param_hint="--unit")
    try:
        user = create_user(
            email=email,
            name=name,
            password=password,
            unit_id=unit_id,
            role=Role(role),
            require_unit=Role(role) is not Role.ADMIN,
        )
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error.message)) from error
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email}")
