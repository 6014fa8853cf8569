"""storage quota per user

Revision ID: e71f3a9c2d40
Revises: d3e0b5a4c618
Create Date: 2026-12-04 07:55:00.000000

"""
import warnings
from contextlib import contextmanager

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e71f3a9c2d40'
down_revision = 'd3e0b5a4c618'
branch_labels = None
depends_on = None


@contextmanager
def _batch_on_user_account():
    """Rebuilding `user_account` on SQLite reflects the unit table it refers to; SQLite
    cannot reflect the unit names' expression index and says so. That table is not
    rebuilt here, so its index stays."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", "Skipped unsupported reflection of expression-based index", sa.exc.SAWarning
        )
        with op.batch_alter_table('user_account', schema=None) as batch_op:
            yield batch_op


def upgrade():
    with _batch_on_user_account() as batch_op:
        batch_op.add_column(sa.Column('storage_quota_mb', sa.Integer(), nullable=True))


def downgrade():
    with _batch_on_user_account() as batch_op:
        batch_op.drop_column('storage_quota_mb')
