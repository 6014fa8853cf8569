"""Search engines side by side: Dela's search on Whoosh and on tantivy, each beside the
stock engine doing the same work (its floor), on one stored corpus, in one run.

    python bench/engines.py                            # 10k materials
    python bench/engines.py --sizes 1000               # a quick look (a few minutes)
    python bench/engines.py --sizes 10000 100000 --work /var/tmp/engines --reuse

Rows, per corpus size (the materials of bench/corpus.py, stored once per size into an
SQLite database under --work with `store`; --reuse keeps one stored earlier):

- raw whoosh / raw tantivy (bench/raw_engines.py): the stock engine with a Swedish stemmer
  on title, summary and body (body, research basis and files' text), its own query parser
  (every word must match), its own facet counts over the six facets, and snippets of the
  10 hits shown. The floor for Dela on that engine.
- dela whoosh / dela tantivy: Dela's own services in-process on an app on the same
  database, the index built by Dela's `rebuild(backend_name=...)`, searched with
  `search(clean_request(...))`: a page of --per-page hits (20, the site's page) with
  facet counts, snippets and "Menade du".

Measured: the build's wall time and CPU time (this process and its children, so
tantivy's writer threads count), the index's size after it, and the peak size of the
index directory while it ran (sampled every 0.2 s: temporary files and merges included);
then the 17 queries of bench/search_latency.py (filtered, sorted and empty ones among
them), once to warm up and then --rounds rounds timed interleaved query by query, each
round starting with the next engine. p50/p95 by nearest rank over every query's samples;
ratios are of the sums of each query's median (Dela-on-X / raw-X, tantivy / whoosh).
Each size runs in a process of its own. Each Dela app searches in a thread of its own, as
a server's thread keeps its searcher open.
"""

import argparse
import contextlib
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import Corpus, store  # noqa: E402
from bench.evidence import Searching, ratio  # noqa: E402
from bench.raw_engines import RawTantivy, RawWhoosh, corpus_documents  # noqa: E402
from bench.search_latency import (  # noqa: E402
    Progress,
    ms,
    nearest_rank,
    print_table,
    queries,
    say,
    time_interleaved,
)
from bench.server import bench_app  # noqa: E402
from bench.try_reports import prepare_database  # noqa: E402

BACKENDS = ("whoosh", "tantivy")
ENGINES = ("raw whoosh", "raw tantivy", "dela whoosh", "dela tantivy")
DISK_SAMPLE_SECONDS = 0.2


def tree_size(directory: Path) -> int:
    """Bytes in the files under `directory` (none if it is missing); files that vanish
    while it is counted (a merge, a rebuild's switch) are skipped."""
    total = 0
    for parent, _, names in os.walk(directory):
        for name in names:
            with contextlib.suppress(FileNotFoundError):
                total += os.lstat(os.path.join(parent, name)).st_size
    return total


class PeakDisk(threading.Thread):
    """The largest size `directory` reaches while the `with` block runs."""

    def __init__(self, directory: Path):
        super().__init__(daemon=True)
        self.directory, self.peak, self.done = directory, 0, threading.Event()

    def run(self) -> None:
        while True:
            self.peak = max(self.peak, tree_size(self.directory))
            if self.done.wait(DISK_SAMPLE_SECONDS):
                return

    def __enter__(self) -> "PeakDisk":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        self.join()
        self.peak = max(self.peak, tree_size(self.directory))


def cpu_seconds() -> float:
    times = os.times()
    return time.process_time() + times.children_user + times.children_system


def measured(directory: Path, build) -> dict:
    """`build()` (returns the documents written), timed, with `directory` watched."""
    cpu, started = cpu_seconds(), time.perf_counter()
    with PeakDisk(directory) as disk:
        written = build()
    return {
        "documents": written,
        "wall": time.perf_counter() - started,
        "cpu": cpu_seconds() - cpu,
        "index_mb": tree_size(directory) / 1e6,
        "peak_mb": disk.peak / 1e6,
    }


def corpus_database(directory: Path, corpus: Corpus, count: int, reuse: bool, secret: str):
    """An app on a database holding materials 0 … count-1 of `corpus`, stored now or, with
    `reuse`, by an earlier run (its statistics file is written last, once all is stored)."""
    stats_file = directory / "corpus.json"
    if reuse and stats_file.exists() and json.loads(stats_file.read_text())["materials"] == count:
        say(f"[{count:,}] reusing the corpus stored in {directory}")
        return bench_app(directory, secret)
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    app = bench_app(directory, secret)
    prepare_database(app)
    stats = store(app, corpus, count, Progress("storing", count))
    stats_file.write_text(json.dumps({"materials": count, **stats}))
    return app


def dela_rebuild(app, backend: str, progress) -> int:
    """Dela's rebuild, into `backend`'s index."""
    from share.search.upkeep import rebuild

    with app.app_context():
        return rebuild(progress=progress, backend_name=backend)


def dela_searching(app, per_page: int) -> Searching:
    """Dela's search on `app`, a page of `per_page` hits, in a thread of its own."""
    from share.search.services import clean_request, search

    def run(query) -> dict:
        with app.test_request_context():
            request = clean_request(query.text, query.filters, query.sort, 1, per_page)
            return {"total": search(request).total}

    searching = Searching(app)
    searching.run_query = run  # before its first job: the page size asked for
    return searching


def run_size(args) -> dict:
    """One corpus size: store (or reuse), build every engine's index, search."""
    count, root = args.run_size, args.size_dir
    secret = os.environ["SECRET_KEY"]
    corpus = Corpus()
    source = corpus_database(root / "corpus", corpus, count, args.reuse, secret)
    database_url = source.config["SQLALCHEMY_DATABASE_URI"]
    builds, runs = {}, {}
    for name, engine in (
        ("raw whoosh", RawWhoosh(root / "raw-whoosh")),
        ("raw tantivy", RawTantivy(root / "raw-tantivy")),
    ):
        if name not in args.engines:
            continue
        shutil.rmtree(engine.directory, ignore_errors=True)
        say(f"[{count:,}] building {name}")
        progress = Progress(name, count)
        builds[name] = measured(
            engine.directory, lambda e=engine, p=progress: e.build(corpus_documents(source), p)
        )
        engine.open()
        runs[name] = engine.search
    for backend in BACKENDS:
        name = f"dela {backend}"
        if name not in args.engines:
            continue
        workdir = root / f"dela-{backend}"
        shutil.rmtree(workdir, ignore_errors=True)
        app = bench_app(workdir, secret, database_url)
        say(f"[{count:,}] building {name} (Dela's rebuild)")
        progress = Progress(name, count)
        builds[name] = measured(
            Path(app.config["INDEX_DIR"]),
            lambda a=app, b=backend, p=progress: dela_rebuild(a, b, p),
        )
        runs[name] = dela_searching(app, args.per_page)

    query_set = queries(corpus)
    totals = {name: {q.label: run(q)["total"] for q in query_set} for name, run in runs.items()}
    say(f"[{count:,}] {args.rounds} rounds of {len(query_set)} queries x {len(runs)} engines")
    samples = time_interleaved(runs, query_set, args.rounds, rotate=True)
    return {
        "materials": count,
        "builds": builds,
        "totals": totals,
        "samples": samples,
        "queries": [q.label for q in query_set],
    }


def print_queries(report: dict) -> None:
    names = list(report["samples"])
    say(f"\nQueries at {report['materials']:,} materials (hits; median ms):")
    rows = [("query", *(f"{name} hits" for name in names), *names)]
    for label in report["queries"]:
        rows.append(
            (
                label,
                *(f"{report['totals'][name][label]:,}" for name in names),
                *(f"{ms(statistics.median(report['samples'][n][label])):.1f}" for n in names),
            )
        )
    print_table(rows)


def engine_row(report: dict, name: str) -> tuple:
    build, samples = report["builds"][name], report["samples"]
    size = f"{report['materials']:,}"
    pooled = [s for values in samples[name].values() for s in values]
    engine, backend = name.split()
    floor = f"raw {backend}"
    to_floor = (
        "(floor)"
        if engine == "raw"
        else f"{ratio(samples, name, floor):.2f}"
        if floor in samples
        else "no floor"
    )
    whoosh_side = f"{engine} whoosh"
    to_whoosh = (
        f"{ratio(samples, name, whoosh_side):.2f}"
        if backend == "tantivy" and whoosh_side in samples
        else ""
    )
    return (
        name,
        size,
        f"{build['wall']:,.1f} / {build['cpu']:,.1f}",
        f"{build['index_mb']:,.1f}",
        f"{build['peak_mb']:,.1f}",
        f"{ms(nearest_rank(pooled, 50)):.1f}",
        f"{ms(nearest_rank(pooled, 95)):.1f}",
        to_floor,
        to_whoosh,
    )


def summary(reports: list[dict], args) -> None:
    rows = [
        (
            "engine",
            "size",
            "build s (wall / CPU)",
            "index MB",
            "peak disk during rebuild MB",
            "p50 ms",
            "p95 ms",
            "ratio to its raw floor",
            "tantivy / whoosh",
        )
    ]
    for report in reports:
        written = {b["documents"] for b in report["builds"].values() if "documents" in b}
        if len(written) > 1:
            say(f"! at {report['materials']:,} the engines indexed {sorted(written)} documents")
        rows += [engine_row(report, name) for name in ENGINES if name in report["builds"]]
    say(
        f"\nSearch engines ({os.cpu_count()} cores; {args.rounds} rounds of "
        f"{len(reports[0]['queries'])} queries interleaved; p95 by nearest rank; ratios of the "
        "sums of the queries' medians):"
    )
    print_table(rows)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000], help="materials")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the queries")
    parser.add_argument("--per-page", type=int, default=20, help="Dela's hits per page")
    parser.add_argument(
        "--engines",
        action="append",
        choices=ENGINES,
        help="run only these rows (repeat the option; default: all)",
    )
    parser.add_argument("--work", type=Path, help="keep the stored corpora here (default: temp)")
    parser.add_argument(
        "--reuse", action="store_true", help="with --work: reuse a corpus stored there"
    )
    parser.add_argument("--run-size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--size-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.engines = args.engines or list(ENGINES)
    if args.run_size:
        args.report.write_text(json.dumps(run_size(args)))
        return

    scratch = Path(tempfile.mkdtemp(prefix="dela-engines-bench-"))
    work = args.work or scratch
    env = {**os.environ, "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(48)}
    reports = []
    try:
        for count in args.sizes:
            report = scratch / f"report-{count}.json"
            command = [
                sys.executable,
                __file__,
                f"--rounds={args.rounds}",
                f"--per-page={args.per_page}",
                *(f"--engines={name}" for name in args.engines),
                *(["--reuse"] if args.reuse else []),
                f"--run-size={count}",
                f"--size-dir={work / f'n{count}'}",
                f"--report={report}",
            ]
            if subprocess.run(command, env=env, check=False).returncode:
                raise SystemExit(f"the run at {count:,} materials failed (see above)")
            reports.append(json.loads(report.read_text()))
            print_queries(reports[-1])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    summary(reports, args)


if __name__ == "__main__":
    main()
