"""The database layer every feature's models build on."""

import enum
from datetime import UTC, datetime

from sqlalchemy import Engine, Enum, Insert, MetaData, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session

# Alembic names constraints identically on SQLite and PostgreSQL only when we name them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: How long a SQLite connection waits for the database's one write lock before it gives
#: up with "database is locked". Writers queue for it: a share holds it while its files are
#: read, a second or two each, so forty colleagues publishing at once wait their turn.
SQLITE_BUSY_TIMEOUT_MS = 60_000


#: How long opening a PostgreSQL connection may take. Without a limit, a database host that
#: is down without refusing (a dead machine drops packets) holds every request for minutes,
#: where it should get the "unavailable" page at once.
POSTGRESQL_CONNECT_TIMEOUT_SECONDS = 5


def init_engine(engine: Engine) -> None:
    """Set up every connection `engine` opens: SQLite's settings (see `_sqlite_connected`),
    PostgreSQL's connect timeout (unless the URL gives one)."""
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connected)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "do_connect", _postgresql_connecting)


def _postgresql_connecting(_dialect, _connection_record, _cargs, cparams: dict) -> None:
    cparams.setdefault("connect_timeout", POSTGRESQL_CONNECT_TIMEOUT_SECONDS)


def _sqlite_connected(dbapi_connection, _connection_record) -> None:
    """WAL, so readers never wait for the writer nor it for them (the setting stays with
    the file); a busy timeout, so a writer waits for the write lock instead of failing; and
    foreign keys enforced, which SQLite leaves off unless each connection asks."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Aware UTC now; used as a column default (a callable, never a value)."""
    return datetime.now(UTC)


def insert_skipping_duplicates(session: Session, model) -> Insert:
    """INSERT … ON CONFLICT DO NOTHING into `model`'s table, for `session`'s database: rows
    that would break a unique constraint are left out, not an error (which on PostgreSQL
    would abort the whole transaction)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(model).on_conflict_do_nothing()


def enum_type(enum_class: type[enum.Enum], *, length: int) -> Enum:
    """The column type for a Python enum: its values stored as short strings, and a CHECK
    constraint (named ck_<table>_<enum class name, lowercased>) so the database refuses
    any other string.

    Not a native PostgreSQL enum: both databases then hold the same VARCHAR and CHECK, and
    adding or dropping a value is one replaced CHECK (a native enum cannot drop a value).
    """
    return Enum(
        enum_class,
        name=enum_class.__name__.lower(),
        native_enum=False,
        create_constraint=True,
        length=length,
        values_callable=lambda members: [member.value for member in members],
    )
