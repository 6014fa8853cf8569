"""search misses

Searches that found nothing or fewer than three materials, counted per day and query,
without who searched.

Revision ID: 8d4f2b6e1a93
Revises: e71f3a9c2d40
Create Date: 2026-12-04 08:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8d4f2b6e1a93'
down_revision = "e71f3a9c2d40"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_miss',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('query_text', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.Enum('zero', 'low', name='misskind', native_enum=False, create_constraint=True, length=10), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_miss')),
    sa.UniqueConstraint('day', 'query_text', 'kind', name=op.f('uq_search_miss_day_query_text_kind'))
    )


def downgrade():
    op.drop_table('search_miss')
