"""What a change costs search: two revisions of Dela on the same corpus, in one run.

    python bench/compare_revisions.py 5020fe6^1            # that revision against this tree
    python bench/compare_revisions.py 5020fe6^1 --materials 3000

Each side is a child process running its own checkout (the other revision in a temporary
git worktree): it makes its own SQLite database with its own migrations and starting
synonym list, stores the corpus of bench/corpus.py in it (deterministic: the same
materials on both sides), builds its own index with its own `rebuild` (timed), then answers
the query set of bench/search_latency.py through its own search service, timing each
search itself. The parent sends the queries to the two
sides in turn, query by query, round by round (each round starting with the other side),
so both meet the same machine noise; it prints medians, the ratio of this tree to the
other, build time and index size.
"""

import argparse
import json
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def child(checkout: Path, workdir: Path, secret: str, materials: int) -> None:
    """One side: store the corpus, build the index, then answer queries from stdin (JSON
    lines) until EOF."""
    sys.path.insert(0, str(checkout))
    from bench.corpus import Corpus, store
    from bench.server import bench_app
    from bench.try_reports import prepare_database
    from share.search.services import clean_request, search
    from share.search.upkeep import rebuild

    app = bench_app(workdir, secret)
    prepare_database(app)
    store(app, Corpus(), materials)
    with app.app_context():
        started = time.perf_counter()
        rebuild()
        built = time.perf_counter() - started
    index_bytes = sum(p.stat().st_size for p in (workdir / "index").rglob("*") if p.is_file())
    print(json.dumps({"build_seconds": built, "index_mb": index_bytes / 1e6}), flush=True)
    for line in sys.stdin:
        query = json.loads(line)
        with app.test_request_context():
            started = time.perf_counter()
            result = search(clean_request(query["text"], query["filters"], query["sort"], 1, 10))
            seconds = time.perf_counter() - started
        print(json.dumps({"seconds": seconds, "total": result.total}), flush=True)


class Side:
    def __init__(self, name: str, checkout: Path, workdir: Path, secret: str, materials: int):
        self.name = name
        command = [sys.executable, __file__, "--child", str(checkout), str(workdir), secret]
        self.process = subprocess.Popen(
            [*command, str(materials)],
            cwd=checkout,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.built = json.loads(self.process.stdout.readline())

    def ask(self, query) -> dict:
        payload = {"text": query.text, "filters": query.filters, "sort": query.sort}
        self.process.stdin.write(json.dumps(payload) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("revision", help="the revision to compare this tree with")
    parser.add_argument("--materials", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    from bench.corpus import Corpus
    from bench.search_latency import queries, say

    root = Path(tempfile.mkdtemp(prefix="dela-compare-"))
    other = root / "other-checkout"
    secret = secrets.token_urlsafe(32)
    git = shutil.which("git")
    subprocess.run([git, "worktree", "add", "--detach", str(other), args.revision],
                   cwd=ROOT, check=True, capture_output=True)  # fmt: skip
    sides = []
    try:
        corpus = Corpus()
        say("storing the corpus and building the index, on each side in turn")
        for name, checkout in (("other", other), ("this", ROOT)):
            (root / name).mkdir()
            sides.append(Side(name, checkout, root / name, secret, args.materials))
        query_set = queries(corpus)
        samples = {side.name: {q.label: [] for q in query_set} for side in sides}
        totals = {side.name: {} for side in sides}
        for number in range(args.rounds):
            order = sides if number % 2 == 0 else sides[::-1]
            for query in query_set:
                for side in order:
                    answer = side.ask(query)
                    samples[side.name][query.label].append(answer["seconds"])
                    totals[side.name][query.label] = answer["total"]
        report(args, sides, query_set, samples, totals)
    finally:
        for side in sides:
            side.close()
        subprocess.run([git, "worktree", "remove", "--force", str(other)], cwd=ROOT,
                       capture_output=True)  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)


def report(args, sides, query_set, samples, totals) -> None:
    print(f"\n{args.materials:,} materials; {args.revision} (other) against this tree; "
          f"medians of {args.rounds} rounds, in-process, ms")  # fmt: skip
    print(f"{'query':<32} {'hits other/this':>16} {'other':>8} {'this':>8} {'this/other':>10}")
    sums = {"other": 0.0, "this": 0.0}
    for query in query_set:
        median = {n: statistics.median(samples[n][query.label]) for n in sums}
        for name in sums:
            sums[name] += median[name]
        hits = f"{totals['other'][query.label]}/{totals['this'][query.label]}"
        ratio = median["this"] / median["other"]
        print(f"{query.label:<32} {hits:>16} {median['other'] * 1000:>8.1f} "
              f"{median['this'] * 1000:>8.1f} {ratio:>10.2f}")  # fmt: skip
    print(f"{'all queries (sum of medians)':<32} {'':>16} {sums['other'] * 1000:>8.1f} "
          f"{sums['this'] * 1000:>8.1f} {sums['this'] / sums['other']:>10.2f}")  # fmt: skip
    for side in sides:
        print(f"{side.name}: index built in {side.built['build_seconds']:.0f} s, "
              f"{side.built['index_mb']:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4], int(sys.argv[5]))
    else:
        main()
