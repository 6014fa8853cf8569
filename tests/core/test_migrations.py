"""The models and the migrations describe the same schema, on every backend; every
migration goes down and up again; the constraints refuse what the code never writes."""

import warnings

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import current_app
from flask_migrate import downgrade, upgrade
from sqlalchemy import CheckConstraint, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from share.extensions import db as database

#: The last revision before the database held what the code assumes.
BEFORE_CONSTRAINTS = "5d1c0a7e3b21"

#: One of each row the constraints concern, in plain SQL that every revision takes.
ROWS = [
    "INSERT INTO area (name, retired, created_at) VALUES ('Skola A', false, CURRENT_TIMESTAMP)",
    "INSERT INTO unit (name, kind, area_id, retired, created_at)"
    " SELECT 'Testskolan', 'school', id, false, CURRENT_TIMESTAMP FROM area",
    "INSERT INTO user_account"
    " (email, name, password_hash, role, active, session_version, created_at)"
    " VALUES ('a@kommun.example', 'A', 'x', 'teacher', true, 1, CURRENT_TIMESTAMP)",
    "INSERT INTO stored_file"
    " (sha256, size, file_type, mime_type, text_state, has_thumbnail, created_at)"
    " VALUES ('0123abcd', 1, 'txt', 'text/plain', 'none', false, CURRENT_TIMESTAMP)",
    "INSERT INTO material (kind, title, summary, body, research_basis, licence, status,"
    " author_id, created_at, updated_at)"
    " SELECT 'method', 'T', 'S', '', '', 'cc0-1.0', 'draft', id,"
    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM user_account",
    "INSERT INTO material_revision (material_id, number, editor_id, created_at, snapshot)"
    " SELECT id, 1, author_id, CURRENT_TIMESTAMP, '{}' FROM material",
]
SECOND_REVISION_ONE = (
    "INSERT INTO material_revision (material_id, number, editor_id, created_at, snapshot)"
    " SELECT material_id, number, editor_id, created_at, snapshot FROM material_revision"
)
#: What the code never writes, and the schema before the constraints let in.
BAD_ROWS = {
    "a role": "UPDATE user_account SET role = 'owner'",
    "a unit kind": "UPDATE unit SET kind = 'gymnasium'",
    "a text state": "UPDATE stored_file SET text_state = 'maybe'",
    "a material kind": "UPDATE material SET kind = 'recipe'",
    "a licence": "UPDATE material SET licence = 'all-rights-reserved'",
    "a status": "UPDATE material SET status = 'archived'",
    "a revision number taken": SECOND_REVISION_ONE,
    "an area name but for case": "INSERT INTO area (name, retired, created_at)"
    " SELECT 'skola a', retired, created_at FROM area",
    "a unit name but for case": "INSERT INTO unit (name, kind, area_id, retired, created_at)"
    " SELECT 'TESTSKOLAN', kind, area_id, retired, created_at FROM unit",
}


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


def accepted(engine: Engine, statement: str) -> bool:
    """Whether the database takes the statement; nothing it does is kept."""
    with engine.connect() as connection:
        try:
            connection.execute(text(statement))
        except IntegrityError:
            return False
        finally:
            connection.rollback()
    return True


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


def test_the_constraints_refuse_what_the_schema_before_them_let_in(empty_app):
    engine = database.engine
    upgrade(revision=BEFORE_CONSTRAINTS)
    with engine.begin() as connection:
        for statement in ROWS:
            connection.execute(text(statement))
        # As two saves at once could: the upgrade numbers them again.
        connection.execute(text(SECOND_REVISION_ONE))
    assert [label for label, bad in BAD_ROWS.items() if not accepted(engine, bad)] == []

    upgrade()
    with engine.connect() as connection:
        numbers = connection.execute(text("SELECT number FROM material_revision ORDER BY id"))
        assert numbers.scalars().all() == [1, 2]
    assert [label for label, bad in BAD_ROWS.items() if accepted(engine, bad)] == []

    downgrade(revision=BEFORE_CONSTRAINTS)
    assert [label for label, bad in BAD_ROWS.items() if not accepted(engine, bad)] == []
    upgrade()
    assert [label for label, bad in BAD_ROWS.items() if accepted(engine, bad)] == []


def test_the_upgrade_names_the_rows_to_mend_and_changes_nothing(empty_app):
    engine = database.engine
    upgrade(revision=BEFORE_CONSTRAINTS)
    with engine.begin() as connection:
        for statement in [*ROWS, BAD_ROWS["a status"], BAD_ROWS["an area name but for case"]]:
            connection.execute(text(statement))
    # Alembic's own command: Flask-Migrate's turns the error into a log line and an exit.
    config = current_app.extensions["migrate"].migrate.get_config()
    with pytest.raises(RuntimeError) as refusal:
        command.upgrade(config, "head")
    assert "material.status holds 'archived'" in str(refusal.value)
    assert "area names differ only in letter case: skola a" in str(refusal.value)
    assert current_revision(engine) == BEFORE_CONSTRAINTS
    assert not inspect(engine).get_check_constraints("material")

    with engine.begin() as connection:
        connection.execute(text("UPDATE material SET status = 'removed'"))
        connection.execute(text("UPDATE area SET name = 'Skola B' WHERE name = 'skola a'"))
    upgrade()
    with engine.connect() as connection:
        names = connection.execute(select(text("name")).select_from(text("area")))
        assert sorted(names.scalars()) == ["Skola A", "Skola B"]
