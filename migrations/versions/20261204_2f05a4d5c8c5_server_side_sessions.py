"""server-side sessions: signing out ends a session for good

Revision ID: 2f05a4d5c8c5
Revises: 4e1b7d9c2a60
Create Date: 2026-12-04 07:38:49.692213

The per-user session version gives way to one row per signed-in browser. Sessions signed
in before the upgrade carry no such row's token, so everyone signs in once again.
"""
import warnings
from contextlib import contextmanager

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2f05a4d5c8c5'
down_revision = "4e1b7d9c2a60"
branch_labels = None
depends_on = None


@contextmanager
def _batch_on_user_account():
    """Rebuilding `user_account` on SQLite reflects the unit table it refers to; SQLite
    cannot reflect the unit name's expression index and says so. That table is not
    rebuilt here, so its index stays."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", "Skipped unsupported reflection of expression-based index", sa.exc.SAWarning
        )
        with op.batch_alter_table('user_account', schema=None) as batch_op:
            yield batch_op


def upgrade():
    op.create_table('user_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_digest', sa.String(length=64), nullable=False),
    sa.Column('remember', sa.Boolean(), nullable=False),
    sa.Column('user_agent', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_user_session_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_session')),
    sa.UniqueConstraint('token_digest', name=op.f('uq_user_session_token_digest'))
    )
    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_session_user_id'), ['user_id'], unique=False)

    with _batch_on_user_account() as batch_op:
        batch_op.drop_column('session_version')


def downgrade():
    with _batch_on_user_account() as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), nullable=False, server_default='1'))

    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_session_user_id'))

    op.drop_table('user_session')
