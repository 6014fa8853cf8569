from sqlalchemy import Text
from sqlalchemy.orm import Mapped, mapped_column

from share.extensions import db


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
