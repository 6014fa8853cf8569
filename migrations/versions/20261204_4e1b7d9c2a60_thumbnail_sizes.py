"""thumbnail sizes

Revision ID: 4e1b7d9c2a60
Revises: 8d4f2b6e1a93
Create Date: 2026-12-04 08:00:00.000000

"""
from pathlib import Path

from alembic import op
from flask import current_app, has_app_context
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4e1b7d9c2a60'
down_revision = "8d4f2b6e1a93"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('stored_file', schema=None) as batch_op:
        batch_op.add_column(sa.Column('thumbnail_width', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('thumbnail_height', sa.Integer(), nullable=True))
    _measure_thumbnails()


def _measure_thumbnails():
    """The sizes of the thumbnails already stored, read from their files' headers."""
    if not has_app_context():
        return
    from PIL import Image

    thumbnails = Path(current_app.config['UPLOAD_DIR']) / 'thumbnails'
    connection = op.get_bind()
    rows = connection.execute(
        sa.text('SELECT id, sha256 FROM stored_file WHERE has_thumbnail')
    ).all()
    for file_id, sha256 in rows:
        path = thumbnails / sha256[:2] / f'{sha256}.webp'
        if not path.is_file():
            continue
        with Image.open(path) as image:
            width, height = image.size
        connection.execute(
            sa.text('UPDATE stored_file SET thumbnail_width = :width,'
                    ' thumbnail_height = :height WHERE id = :id'),
            {'width': width, 'height': height, 'id': file_id},
        )


def downgrade():
    with op.batch_alter_table('stored_file', schema=None) as batch_op:
        batch_op.drop_column('thumbnail_height')
        batch_op.drop_column('thumbnail_width')
