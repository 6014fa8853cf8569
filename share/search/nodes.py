"""A query as share/search/query.py builds it, in no engine's terms: each search backend
translates it into its own query objects.

Scores add up as in BM25 engines: a document's score under `AnyOf` or `AllOf` is the sum of
its matching parts' scores, under `BestOf` the best of them, under `AndMaybe` the required
part's plus the optional part's where that matches too. A `Term`'s boost multiplies its
score, as does its field's (share/search/fields.py).
"""

from collections.abc import Iterator
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Term:
    """Documents with `text` as a term of `field` (already analyzed: a stem, a word)."""

    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class AnyOf:
    """Documents any part matches."""

    parts: tuple
    boost: float = 1.0


@dataclass(frozen=True)
class AllOf:
    """Documents every part matches."""

    parts: tuple
    boost: float = 1.0


@dataclass(frozen=True)
class BestOf:
    """Documents any part matches, scored by the best part that matches them."""

    parts: tuple


@dataclass(frozen=True)
class AndMaybe:
    """Documents `required` matches; `optional` only adds to their score."""

    required: object
    optional: object


@dataclass(frozen=True)
class Everything:
    """Every document."""


def terms(node) -> Iterator[Term]:
    """Every term of a query, depth first."""
    if isinstance(node, Term):
        yield node
    elif isinstance(node, AnyOf | AllOf | BestOf):
        for part in node.parts:
            yield from terms(part)
    elif isinstance(node, AndMaybe):
        yield from terms(node.required)
        yield from terms(node.optional)


def boosted(node, boost: float):
    """`node` weighing `boost` times as much."""
    if isinstance(node, Term | AnyOf | AllOf):
        return replace(node, boost=node.boost * boost)
    return AnyOf((node,), boost)
