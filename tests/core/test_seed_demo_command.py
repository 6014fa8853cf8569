"""`flask seed-demo` makes accounts whose password the README publishes: never in production."""

from flask_migrate import upgrade
from sqlalchemy import func, select

from share import create_app
from share.auth.models import User
from share.demo import cli
from share.demo.accounts import ACCOUNTS
from share.extensions import db
from share.schools.models import Area
from tests.support.apps import GOOD_SECRET


def test_seed_demo_adds_the_demo_accounts(runner, db, monkeypatch):
    # The materials have their own test (test_demo.py); here only the command counts.
    monkeypatch.setattr(cli, "seed_demo_materials", lambda authors: 0)
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    emails = set(db.session.execute(select(User.email)).scalars())
    assert {email for email, *_ in ACCOUNTS} <= emails
    # They sign in at once: no confirmation link for the demo.
    unconfirmed = select(User.email).where(User.email_confirmed_at.is_(None))
    assert db.session.execute(unconfirmed).all() == []


def test_seed_demo_refuses_the_production_configuration(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    app = create_app("production")
    with app.app_context():
        upgrade()
        try:
            result = app.test_cli_runner().invoke(args=["seed-demo"])
            assert result.exit_code != 0
            assert "development only" in result.output
            assert "Traceback" not in result.output
            assert db.session.execute(select(func.count()).select_from(User)).scalar_one() == 0
            assert db.session.execute(select(func.count()).select_from(Area)).scalar_one() == 0
        finally:
            db.session.remove()
            db.engine.dispose()
