"""search leases

Who holds the indexer's role and a rebuild's, in the database, so that every app machine
sees them (they were files on the indexer's machine).

Revision ID: a51c7e2d9f40
Revises: e43b5a4187d1
Create Date: 2026-12-04 16:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a51c7e2d9f40'
down_revision = 'e43b5a4187d1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_lease',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('holder', sa.String(length=200), nullable=False),
    sa.Column('taken_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('renewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_search_lease'))
    )


def downgrade():
    op.drop_table('search_lease')
