"""e-mail confirmation: a self-registered account works once its mailed link is followed

Revision ID: e43b5a4187d1
Revises: 0999e6d3edb0
Create Date: 2026-12-04 07:48:08.230516

Accounts that exist before the upgrade keep working: they count as confirmed when made.
"""
import warnings

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e43b5a4187d1'
down_revision = '0999e6d3edb0'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('user_account', sa.Column('email_confirmed_at', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE user_account SET email_confirmed_at = created_at")


def downgrade():
    # Rebuilding user_account on SQLite reflects the unit table it refers to, whose
    # expression index SQLite cannot reflect; that table is not rebuilt, its index stays.
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", "Skipped unsupported reflection of expression-based index", sa.exc.SAWarning
        )
        with op.batch_alter_table('user_account', schema=None) as batch_op:
            batch_op.drop_column('email_confirmed_at')
