from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from share.extensions import db


class VocabularyTerm:
    """Columns shared by the vocabularies.

    The slug is stable (URLs, search facets and seeds rely on it); names can be edited.
    Terms are retired, never deleted, because materials (and variants) refer to them.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name_sv: Mapped[str] = mapped_column(String(160))
    name_en: Mapped[str] = mapped_column(String(160))
    description_sv: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    retired: Mapped[bool] = mapped_column(default=False)

    def name_in(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name_sv

    def description_in(self, language: str) -> str:
        return (
            self.description_en if language == "en" and self.description_en else self.description_sv
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.slug!r}>"


class CoreProcess(VocabularyTerm, db.Model):
    """One of the administration's core processes (huvudprocesser)."""

    __tablename__ = "core_process"


class SchoolForm(VocabularyTerm, db.Model):
    """A school form (skolform), e.g. förskola or grundskola åk 4–6."""

    __tablename__ = "school_form"


class Subject(VocabularyTerm, db.Model):
    """A curriculum subject (ämne), plus a cross-subject choice for preschool."""

    __tablename__ = "subject"


class VariantType(VocabularyTerm, db.Model):
    """What a variant of a material is adapted for (särskilt stöd, utmaning, bildstöd …)."""

    __tablename__ = "variant_type"
