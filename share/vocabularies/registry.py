"""Every controlled vocabulary, described once.

A vocabulary's descriptor says what each other part of Dela needs to know about it: the
model of its terms, the material relation that carries them, its names in URLs, forms and
the search index, and its label. The material model, the share form, the history, the
browse pages, search and the admin pages loop over `VOCABULARIES`; adding a vocabulary is
a model, a descriptor, its starting terms (seed.py) and a migration. A vocabulary that
tags something other than materials (variant types) has no `relation` and is left out of
MATERIAL_VOCABULARIES.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from share.extensions import db
from share.vocabularies.models import (
    CoreProcess,
    SchoolForm,
    Subject,
    VariantType,
    VocabularyTerm,
)
from share.vocabularies.search_words import SEARCH_WORDS
from share.vocabularies.services import list_terms


@dataclass(frozen=True)
class Vocabulary:
    #: The name in code, the search index and its facet ("core_process").
    key: str
    model: type[VocabularyTerm]
    #: The URL name of the admin list ("huvudprocesser").
    list_slug: str
    label: str
    #: The material attribute that holds the chosen terms ("core_processes"), for the
    #: vocabularies a material is tagged with (MATERIAL_VOCABULARIES); "" for the others.
    relation: str = ""
    #: The URL name of one term's page of materials ("huvudprocess/<slug>").
    term_slug: str = ""
    #: Whether a material needs at least one term; `required_message` says so.
    required: bool = False
    required_message: str = ""
    description: str = ""

    @property
    def form_field(self) -> str:
        """The share form's field: a list of term ids."""
        return f"{self.key}_ids"

    @property
    def link_table(self) -> str:
        return f"material_{self.model.__tablename__}"

    def terms(self, *, include_retired: bool = True) -> list[VocabularyTerm]:
        return list_terms(self.model, include_retired=include_retired)

    def offered(self, kept=()) -> list[VocabularyTerm]:
        """The terms a material may be given: those in use, and retired ones it has already."""
        return [term for term in self.terms() if is_offered(term, kept)]

    def search_words(self, term: VocabularyTerm) -> str:
        """The term's names and the short forms teachers type for it, for the index."""
        return " ".join(
            [term.name_sv, term.name_en, SEARCH_WORDS.get(self.key, {}).get(term.slug, "")]
        )

    def by_slug(self, slug: str) -> VocabularyTerm | None:
        return db.session.execute(
            select(self.model).where(self.model.slug == slug)
        ).scalar_one_or_none()


def is_offered(term: VocabularyTerm, kept=()) -> bool:
    """Retired terms stay on the materials that have them but are offered to no others."""
    return not term.retired or term in kept


VOCABULARIES: tuple[Vocabulary, ...] = (
    Vocabulary(
        key="core_process",
        model=CoreProcess,
        relation="core_processes",
        list_slug="huvudprocesser",
        term_slug="huvudprocess",
        label=_l("Core processes"),
        required=True,
        required_message=_l("Choose at least one core process."),
        description=_l("At least one."),
    ),
    Vocabulary(
        key="school_form",
        model=SchoolForm,
        relation="school_forms",
        list_slug="skolformer",
        term_slug="skolform",
        label=_l("School forms"),
    ),
    Vocabulary(
        key="subject",
        model=Subject,
        relation="subjects",
        list_slug="amnen",
        term_slug="amne",
        label=_l("Subjects"),
    ),
    # Names what a variant is adapted for (share/variants): it tags the link between two
    # materials, not a material, so it has no relation.
    Vocabulary(
        key="variant_type",
        model=VariantType,
        list_slug="varianttyper",
        label=_l("Variant types"),
    ),
)


#: The vocabularies a material is tagged with: its relations, form fields, facets, pages.
MATERIAL_VOCABULARIES = tuple(vocabulary for vocabulary in VOCABULARIES if vocabulary.relation)


def by_list_slug(slug: str) -> Vocabulary | None:
    return next((v for v in VOCABULARIES if v.list_slug == slug), None)


def by_term_slug(slug: str) -> Vocabulary | None:
    return next((v for v in MATERIAL_VOCABULARIES if v.term_slug == slug), None)


def by_key(key: str) -> Vocabulary:
    return next(v for v in VOCABULARIES if v.key == key)
