import enum
from datetime import date

from sqlalchemy import Date, String, Text, UniqueConstraint
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
