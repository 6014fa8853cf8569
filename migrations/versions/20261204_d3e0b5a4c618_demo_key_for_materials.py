"""demo key for materials

Revision ID: d3e0b5a4c618
Revises: 3c7e91a5d2b8
Create Date: 2026-12-04 07:50:00.000000

"""
import warnings
from contextlib import contextmanager

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd3e0b5a4c618'
down_revision = '3c7e91a5d2b8'
branch_labels = None
depends_on = None


@contextmanager
def _batch_on_material():
    """Rebuilding `material` on SQLite reflects the tables it refers to; SQLite cannot
    reflect the area and unit names' expression indexes and says so. Those tables are
    not rebuilt here, so their indexes stay."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", "Skipped unsupported reflection of expression-based index", sa.exc.SAWarning
        )
        with op.batch_alter_table('material', schema=None) as batch_op:
            yield batch_op


def upgrade():
    with _batch_on_material() as batch_op:
        batch_op.add_column(sa.Column('demo_key', sa.String(length=200), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_material_demo_key'), ['demo_key'])


def downgrade():
    with _batch_on_material() as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_material_demo_key'), type_='unique')
        batch_op.drop_column('demo_key')
