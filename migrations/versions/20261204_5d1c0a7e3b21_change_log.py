"""change log: one row per consumer of every change, in place of the index outbox

Revision ID: 5d1c0a7e3b21
Revises: 49403be43199
Create Date: 2026-12-04 06:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d1c0a7e3b21'
down_revision = '49403be43199'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consumer', sa.String(length=30), nullable=False),
    sa.Column('kind', sa.Enum('material-changed', 'person-renamed', 'unit-moved', 'term-renamed', name='changekind', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change'))
    )
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.create_index('ix_change_consumer_id', ['consumer', 'id'], unique=False)
    # Pending index requests become pending changes for the search index.
    op.execute(
        "INSERT INTO change (consumer, kind, subject_id, scope, created_at) "
        "SELECT 'search', 'material-changed', material_id, '', created_at "
        "FROM index_request ORDER BY id"
    )
    with op.batch_alter_table('index_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_index_request_material_id'))
    op.drop_table('index_request')


def downgrade():
    op.create_table('index_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('material_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_index_request'))
    )
    with op.batch_alter_table('index_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_index_request_material_id'), ['material_id'], unique=False)
    # The old outbox knew materials only: a rename or a move asks for a full reindex
    # (`flask search reindex`) after a downgrade.
    op.execute(
        "INSERT INTO index_request (material_id, created_at) "
        "SELECT subject_id, created_at FROM change "
        "WHERE consumer = 'search' AND kind = 'material-changed' ORDER BY id"
    )
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.drop_index('ix_change_consumer_id')
    op.drop_table('change')
