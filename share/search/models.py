import enum
from datetime import date, datetime

from sqlalchemy import Date, DateTime, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from share.database import enum_type
from share.extensions import db

#: A search miss's query is kept to this many characters.
MAX_QUERY_CHARS = 100


class SynonymGroup(db.Model):
    """Words and phrases that find each other in search, e.g. "npf" and
    "neuropsykiatrisk funktionsnedsättning". Applied at query time, so an edit needs no
    reindexing."""

    __tablename__ = "synonym_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Lowercased words or phrases, separated by commas.
    terms: Mapped[str] = mapped_column(Text)

    @property
    def term_list(self) -> list[str]:
        return [term for term in self.terms.split(",") if term]


class MissKind(enum.StrEnum):
    #: No hit at all.
    ZERO = "zero"
    #: Fewer than `share.search.misses.LOW_HITS` hits.
    LOW = "low"


class SearchMiss(db.Model):
    """How many searches for one query found nothing (or little) on one day, for the
    administration to see what colleagues look for and do not find. Who searched is not
    kept, nor when in the day."""

    __tablename__ = "search_miss"
    __table_args__ = (UniqueConstraint("day", "query_text", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The municipality's day (BABEL_DEFAULT_TIMEZONE), not UTC's.
    day: Mapped[date] = mapped_column(Date)
    #: The words as typed, lowercased, spaces collapsed, capped at MAX_QUERY_CHARS.
    query_text: Mapped[str] = mapped_column(String(MAX_QUERY_CHARS))
    kind: Mapped[MissKind] = mapped_column(enum_type(MissKind, length=10))
    count: Mapped[int] = mapped_column(default=1)


class SearchLease(db.Model):
    """A role in search that one process of the whole install holds at a time (the
    indexer, a rebuild), and until when. In the database, so that every app machine sees
    who holds it; the holder renews it while it works, and when it stops renewing (killed,
    its machine gone) the lease lapses and another may take it. See `share.search.leases`."""

    __tablename__ = "search_lease"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    #: "host:pid:token", unique to one taking of the lease.
    holder: Mapped[str] = mapped_column(String(200))
    taken_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    renewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
