"""Relevance on the judged set (bench/judged/): hit@1, hit@3, MRR and recall@10, by kind
of query, with every query whose right answer was not first.

    python bench/relevance.py

Goals: hit@1 >= 0.85, MRR >= 0.9, no query with zero hits. The demo materials (with their
files) and the judged set's own are published in a throwaway SQLite database, as `make
run` would, and searched through the search service. Takes about a minute.
"""

import secrets
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.judged import Measures, measure, seed_judged_materials  # noqa: E402
from bench.server import bench_app  # noqa: E402

GOAL_HIT_AT_1, GOAL_MRR = 0.85, 0.9


def judged_search(text: str) -> list[str]:
    """The titles of the first 10 hits of `text`, as the search page would list them."""
    from share.search.services import clean_request, search

    result = search(clean_request(text, {}, "relevance", 1, 10))
    return [hit.material.title for hit in result.hits]


def report(measures: Measures) -> None:
    print(f"{'kind':<12} {'queries':>7} {'hit@1':>6} {'hit@3':>6} {'MRR':>6} {'recall@10':>9}")
    for kind, part in [*measures.by_kind().items(), ("all", measures)]:
        print(
            f"{kind:<12} {len(part.outcomes):>7} {part.hit_at_1:>6.2f} {part.hit_at_3:>6.2f} "
            f"{part.mrr:>6.2f} {part.recall_at_10:>9.2f}"
        )
    print(f"\ngoals: hit@1 >= {GOAL_HIT_AT_1}, MRR >= {GOAL_MRR}, no query without hits")
    print(f"zero hits: {', '.join(measures.zero_hits) or 'none'}")
    for outcome in measures.misses():
        rank = outcome.rank or "-"
        first = outcome.titles[0] if outcome.titles else "(nothing)"
        print(f"  rank {rank}: {outcome.judgement.query!r} → first {first!r}")


def main() -> None:
    from flask_migrate import upgrade

    from share.search.synonyms import seed_synonyms
    from share.search.upkeep import rebuild
    from share.vocabularies.seed import seed_vocabularies

    workdir = Path(tempfile.mkdtemp(prefix="dela-relevance-"))
    try:
        app = bench_app(workdir, secrets.token_urlsafe(32))
        with app.app_context():
            upgrade()
            seed_vocabularies()
            seed_synonyms()
            seed_judged_materials()
            rebuild()
            report(measure(judged_search))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
