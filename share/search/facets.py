"""The facets search filters and counts by, each described once.

A facet's descriptor says how a material's values are found (for its index document), what
a reader calls the facet and each of its values, and in which order they are shown. The
index schema, the documents, the filters, the counts, the labels on the search page and
the API loop over `FACETS`; the vocabularies come in through their own registry.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from share.extensions import db
from share.materials.labels import KIND_LABELS, LICENCE_LABELS
from share.materials.models import Material
from share.schools.models import Area
from share.tries.labels import EVIDENCE_LABELS
from share.variants.services import published_variant_types
from share.vocabularies.registry import MATERIAL_VOCABULARIES, Vocabulary, by_key


@dataclass(frozen=True)
class Facet:
    #: The name in URLs (`?core_process=…`) and in the index.
    name: str
    label: str
    #: A material → its values (strings) in this facet.
    values_of: Callable[[Material], list[str]]
    #: A language → value → the name a reader sees.
    value_labels: Callable[[str], dict[str, str]]
    #: The language of the values' names where they are names (of areas), not words of the
    #: interface; None for the interface's language.
    value_language: str | None = None


def _enum_facet(name: str, label, attribute: str, labels: dict) -> Facet:
    return Facet(
        name=name,
        label=label,
        values_of=lambda material: [getattr(material, attribute).value],
        value_labels=lambda language: {key.value: str(text) for key, text in labels.items()},
    )


def _vocabulary_facet(vocabulary: Vocabulary) -> Facet:
    return Facet(
        name=vocabulary.key,
        label=vocabulary.label,
        values_of=lambda material: [t.slug for t in getattr(material, vocabulary.relation)],
        value_labels=lambda language: {
            term.slug: term.name_in(language) for term in vocabulary.terms()
        },
    )


def _area_labels(language: str) -> dict[str, str]:
    return {str(area.id): area.name for area in db.session.execute(select(Area)).scalars()}


AREA = Facet(
    name="area",
    label=_l("Areas"),
    values_of=lambda material: [str(material.area_id)] if material.area_id else [],
    value_labels=_area_labels,
    value_language="sv",
)

#: "Har variant för …": what the material's published variants are adapted for.
VARIANT_FOR = Facet(
    name="variant_for",
    label=_l("Has a variant for"),
    values_of=published_variant_types,
    value_labels=lambda language: {
        term.slug: term.name_in(language) for term in by_key("variant_type").terms()
    },
)

_vocabulary_facets = [_vocabulary_facet(vocabulary) for vocabulary in MATERIAL_VOCABULARIES]

FACETS: tuple[Facet, ...] = (
    _enum_facet("kind", _l("Kind"), "kind", KIND_LABELS),
    _vocabulary_facets[0],
    AREA,
    *_vocabulary_facets[1:],
    _enum_facet("licence", _l("Licence"), "licence", LICENCE_LABELS),
    _enum_facet("evidence", _l("Evidence"), "evidence_level", EVIDENCE_LABELS),
    VARIANT_FOR,
)
FACET_NAMES = tuple(facet.name for facet in FACETS)


def facet_labels(language: str) -> dict[str, dict[str, str]]:
    """Facet name → value → the name a reader sees."""
    return {facet.name: facet.value_labels(language) for facet in FACETS}
