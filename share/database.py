"""The database layer every feature's models build on."""

import enum
from datetime import UTC, datetime

from sqlalchemy import Enum, Insert, MetaData
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
