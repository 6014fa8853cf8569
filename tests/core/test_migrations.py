"""The models and the migrations describe the same schema, on every backend, and every
migration goes down and up again."""

import warnings

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import CheckConstraint, inspect, text
from sqlalchemy.engine import Engine

from share.extensions import db as database


def schema_differences(engine: Engine) -> list:
    with engine.connect() as connection, warnings.catch_warnings():
        # SQLite cannot reflect an expression index, and both libraries say so;
        # missing_from_database() looks for those by name instead.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, database.metadata)


def missing_from_database(engine: Engine) -> set[str]:
    """CHECK constraints, indexes and column collations of the models that the database
    lacks: autogenerate compares no CHECK constraint and no collation, and no expression
    index on SQLite."""
    inspector = inspect(engine)
    expected, found = set(), set()
    for table in database.metadata.sorted_tables:
        expected |= {c.name for c in table.constraints if isinstance(c, CheckConstraint)}
        expected |= {index.name for index in table.indexes}
        found |= {c["name"] for c in inspector.get_check_constraints(table.name)}
        for column in table.columns:
            collation = getattr(column.type.dialect_impl(engine.dialect), "collation", None)
            if collation:
                expected.add(f"{table.name}.{column.name} COLLATE {collation}")
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            statement = "SELECT name FROM sqlite_master WHERE type = 'index'"
            found |= set(connection.execute(text(statement)).scalars())
        else:
            statement = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
            found |= set(connection.execute(text(statement)).scalars())
            collations = connection.execute(
                text(
                    "SELECT table_name, column_name, collation_name FROM information_schema.columns"
                    " WHERE table_schema = current_schema() AND collation_name IS NOT NULL"
                )
            )
            found |= {f"{table}.{column} COLLATE {name}" for table, column, name in collations}
    return expected - found


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_autogenerate_finds_no_difference(db):
    assert schema_differences(database.engine) == []
    assert missing_from_database(database.engine) == set()


def test_schema_was_made_by_migrations(db):
    assert current_revision(database.engine) is not None


def test_every_migration_goes_down_and_up_again(empty_app):
    engine = database.engine
    upgrade()
    downgrade(revision="base")
    assert inspect(engine).get_table_names() == ["alembic_version"]
    upgrade()
    assert schema_differences(engine) == []
    assert missing_from_database(engine) == set()
