"""database constraints

The database says what the code assumes: enum columns refuse values their enum does
not have; a material's revision numbers are unique; area and unit names are unique
whatever the letter case; the material lists get composite indexes in the order they
read; tag names compare byte by byte on PostgreSQL, so the tag prefix search can use
their index under any collation.

Revision ID: b03739a83ab3
Revises: 5d1c0a7e3b21
Create Date: 2026-12-04 05:32:00.760268

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b03739a83ab3'
down_revision = '5d1c0a7e3b21'
branch_labels = None
depends_on = None


# The values as they are at this revision; a later migration that adds one replaces the CHECK.
ENUM_CHECKS = {
    'user_account': [('ck_user_account_role', 'role', ['teacher', 'editor', 'admin'])],
    'unit': [('ck_unit_unitkind', 'kind', ['preschool', 'school'])],
    'stored_file': [
        ('ck_stored_file_textstate', 'text_state', ['extracted', 'none', 'not_applicable']),
    ],
    'material': [
        ('ck_material_materialkind', 'kind', ['method', 'material']),
        ('ck_material_licence', 'licence',
         ['cc-by-4.0', 'cc-by-sa-4.0', 'cc-by-nc-4.0', 'cc0-1.0', 'municipality-only']),
        ('ck_material_materialstatus', 'status', ['draft', 'published', 'hidden', 'removed']),
    ],
}

MATERIAL_INDEXES = [
    ('ix_material_status_published_at', ['status', 'published_at', 'id']),
    ('ix_material_area_id_status_published_at', ['area_id', 'status', 'published_at', 'id']),
    ('ix_material_author_id_updated_at', ['author_id', 'updated_at', 'id']),
    ('ix_material_status_updated_at', ['status', 'updated_at']),
]
#: Single-column indexes that the composite ones begin with.
REPLACED_MATERIAL_INDEXES = [
    ('ix_material_status', ['status']),
    ('ix_material_author_id', ['author_id']),
    ('ix_material_area_id', ['area_id']),
]


def _in(column, values):
    """The CHECK's condition, as SQLAlchemy writes it for the model's Enum."""
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


def _refuse_rows_the_constraints_would():
    """Stop with the rows to mend, before any change: SQLite cannot take DDL back.

    Values outside an enum, and names that differ only in letter case, are a person's call.
    """
    connection = op.get_bind()
    problems = []
    for table, checks in ENUM_CHECKS.items():
        for name, column, values in checks:
            found = connection.execute(sa.text(
                f"SELECT DISTINCT {column} FROM {table} WHERE NOT ({_in(column, values)})"
            )).scalars().all()
            if found:
                problems.append(f"{table}.{column} holds {', '.join(map(repr, found))}")
    for table in ('area', 'unit'):
        found = connection.execute(sa.text(
            f"SELECT lower(name) FROM {table} GROUP BY lower(name) HAVING count(*) > 1"
        )).scalars().all()
        if found:
            problems.append(f"{table} names differ only in letter case: {', '.join(found)}")
    if problems:
        raise RuntimeError(f"Mend these rows, then upgrade again: {'; '.join(problems)}.")


def _renumber_clashing_revisions():
    """Two saves at once could give two revisions one number: number those materials'
    revisions 1, 2, 3... again in the order they were made."""
    connection = op.get_bind()
    material_ids = connection.execute(sa.text(
        "SELECT DISTINCT material_id FROM material_revision"
        " GROUP BY material_id, number HAVING count(*) > 1"
    )).scalars().all()
    for material_id in material_ids:
        revision_ids = connection.execute(
            sa.text("SELECT id FROM material_revision WHERE material_id = :material"
                    " ORDER BY number, id"),
            {'material': material_id},
        ).scalars().all()
        for number, revision_id in enumerate(revision_ids, start=1):
            connection.execute(
                sa.text("UPDATE material_revision SET number = :number WHERE id = :id"),
                {'number': number, 'id': revision_id},
            )


def upgrade():
    _refuse_rows_the_constraints_would()
    _renumber_clashing_revisions()

    for table, checks in ENUM_CHECKS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, column, values in checks:
                batch_op.create_check_constraint(op.f(name), _in(column, values))
            if table == 'material':
                for name, columns in REPLACED_MATERIAL_INDEXES:
                    batch_op.drop_index(op.f(name))
                for name, columns in MATERIAL_INDEXES:
                    batch_op.create_index(op.f(name), columns, unique=False)

    with op.batch_alter_table('material_revision', schema=None) as batch_op:
        # The unique constraint's index begins with material_id and serves its lookups.
        batch_op.drop_index(op.f('ix_material_revision_material_id'))
        batch_op.create_unique_constraint(
            op.f('uq_material_revision_material_id_number'), ['material_id', 'number']
        )

    for table in ('area', 'unit'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f'uq_{table}_name'), type_='unique')
    # After every batch: SQLite cannot reflect an expression index, so a batch that rebuilds
    # the table would lose it, and one that reads a table referring to it warns.
    for table in ('area', 'unit'):
        op.create_index(
            op.f(f'uq_{table}_lower_name'), table, [sa.text('lower(name)')], unique=True
        )

    if op.get_bind().dialect.name == 'postgresql':
        # Rebuilds uq_tag_name under "C" too. SQLite compares byte by byte already (BINARY).
        op.alter_column(
            'tag', 'name',
            type_=sa.String(length=40, collation='C'),
            existing_type=sa.String(length=40),
            existing_nullable=False,
        )


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.alter_column(
            'tag', 'name',
            type_=sa.String(length=40),
            existing_type=sa.String(length=40, collation='C'),
            existing_nullable=False,
        )

    for table in ('unit', 'area'):
        op.drop_index(op.f(f'uq_{table}_lower_name'), table_name=table)
    for table in ('unit', 'area'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_unique_constraint(op.f(f'uq_{table}_name'), ['name'])

    with op.batch_alter_table('material_revision', schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f('uq_material_revision_material_id_number'), type_='unique'
        )
        batch_op.create_index(
            op.f('ix_material_revision_material_id'), ['material_id'], unique=False
        )

    for table, checks in reversed(ENUM_CHECKS.items()):
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table == 'material':
                for name, columns in reversed(MATERIAL_INDEXES):
                    batch_op.drop_index(op.f(name))
                for name, columns in REPLACED_MATERIAL_INDEXES:
                    batch_op.create_index(op.f(name), columns, unique=False)
            for name, column, values in reversed(checks):
                batch_op.drop_constraint(op.f(name), type_='check')
