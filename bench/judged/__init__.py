"""The judged relevance set: the demo materials and those written for it, queries typed the
way teachers type with the materials each must find, and the measures of how well search
finds them (hit@1, hit@3, MRR, recall@10). bench/relevance.py prints them; the tests hold
a floor (tests/search/test_judged_set.py).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from bench.judged.materials import JUDGED_MATERIALS
from bench.judged.queries import JUDGEMENTS, Judgement

__all__ = ["JUDGEMENTS", "Judgement", "Measures", "measure", "seed_judged_materials"]


def seed_judged_materials() -> int:
    """The demo accounts and materials and the judged set's own, published; commits."""
    from sqlalchemy import select

    from share.demo.accounts import seed_demo_accounts
    from share.demo.materials import draft_of, ensure_demo_authors, seed_demo_materials
    from share.extensions import db
    from share.materials.models import Material
    from share.materials.services import create_material

    seed_demo_accounts()
    authors = ensure_demo_authors()
    created = seed_demo_materials(authors)
    existing = set(db.session.execute(select(Material.title)).scalars())
    for item in JUDGED_MATERIALS:
        if item.title not in existing:
            create_material(authors[item.author], draft_of(item), publish=True)
            created += 1
    db.session.commit()
    return created


@dataclass
class Outcome:
    judgement: Judgement
    titles: list[str]

    @property
    def rank(self) -> int | None:
        """The place of the first right answer among the hits (1-based), or None."""
        best = self.judgement.best_titles
        return next((n for n, title in enumerate(self.titles, 1) if title in best), None)

    @property
    def recall(self) -> float:
        relevant = self.judgement.relevant
        return len(relevant & set(self.titles[:10])) / len(relevant)


@dataclass
class Measures:
    outcomes: list[Outcome] = field(default_factory=list)

    def _mean(self, values) -> float:
        values = list(values)
        return sum(values) / len(values) if values else 0.0

    @property
    def hit_at_1(self) -> float:
        return self._mean(o.rank == 1 for o in self.outcomes)

    @property
    def hit_at_3(self) -> float:
        return self._mean(o.rank is not None and o.rank <= 3 for o in self.outcomes)

    @property
    def mrr(self) -> float:
        return self._mean(1 / o.rank if o.rank else 0.0 for o in self.outcomes)

    @property
    def recall_at_10(self) -> float:
        return self._mean(o.recall for o in self.outcomes)

    @property
    def zero_hits(self) -> list[str]:
        return [o.judgement.query for o in self.outcomes if not o.titles]

    def by_kind(self) -> dict[str, "Measures"]:
        kinds: dict[str, Measures] = {}
        for outcome in self.outcomes:
            kinds.setdefault(outcome.judgement.kind, Measures()).outcomes.append(outcome)
        return kinds

    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.rank != 1]


def measure(titles_for: Callable[[str], list[str]]) -> Measures:
    """Every judged query through `titles_for` (query → the titles of its hits, in order)."""
    return Measures([Outcome(j, titles_for(j.query)) for j in JUDGEMENTS])
