"""The outbox between the database and derived data such as the search index.

A service that changes a material records an "index this id" row in the same transaction.
The search indexer drains the rows after the commit, so the index never shows what the
database does not say, and a crash between the two loses nothing: the row is still there.
"""

from datetime import datetime

from sqlalchemy import DateTime, select
from sqlalchemy.orm import Mapped, mapped_column

from share.database import utcnow
from share.extensions import db


class IndexRequest(db.Model):
    __tablename__ = "index_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    material_id: Mapped[int] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def request_index(material_id: int) -> None:
    """Ask for the material to be (re)indexed or dropped from the index once this commits."""
    db.session.add(IndexRequest(material_id=material_id))
    db.session.info["index_requested"] = True


def pending(limit: int) -> list[IndexRequest]:
    return list(
        db.session.execute(select(IndexRequest).order_by(IndexRequest.id).limit(limit)).scalars()
    )
