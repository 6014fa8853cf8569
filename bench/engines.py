"""Search engines side by side: Dela's search on Whoosh, tantivy and OpenSearch, each beside
the stock engine doing the same work (its floor), on one stored corpus, in one run.

    python bench/engines.py                            # 10k materials
    python bench/engines.py --sizes 1000               # a quick look (a few minutes)
    python bench/engines.py --sizes 10000 100000 --work /var/tmp/engines --reuse

Rows, per corpus size (the materials of bench/corpus.py, stored once per size into an
SQLite database under --work with `store`; --reuse keeps one stored earlier):

- raw whoosh / raw tantivy / raw opensearch (bench/raw_engines.py): the stock engine with
  a Swedish stemmer on title, summary and body (body, research basis and files' text), its
  own query parser (every word must match), its own facet counts over the six facets, and
  snippets of the hits on a page of --per-page, as Dela's. The floor for Dela on that
  engine.
- dela whoosh / dela tantivy / dela opensearch: Dela's own services in-process on an app
  on the same database, the index built by Dela's `rebuild(backend_name=...)`, searched
  with `search(clean_request(...))`: a page of --per-page hits (20, the site's page) with
  facet counts, snippets and "Menade du".

The OpenSearch rows share one node, started for the run from the jars the tests use
(tests/support/opensearch.py, copied into .pytest_cache/ by Maven the first time) with a
heap of --opensearch-heap, on the same cores as everything else.

Measured: the build's wall time and CPU time (this process and its children, so
tantivy's writer threads count; the OpenSearch node is a process of its own, so its CPU
time, read from /proc, is given apart), the index's size after it (OpenSearch's: the
primary store size of `_stats`), and how much the index directory (OpenSearch's: the
node's data directory) grew at its peak while it ran (sampled every 0.2 s: temporary
files, merges and OpenSearch's translog included; bench/build_measures.py), and the load
average after each build and after searching; then the 17 queries of
bench/search_latency.py (filtered, sorted and empty ones among them), once to warm up (and
--warm-up-rounds more rounds, untimed: a started JVM compiles its hot code over the first
searches) and then --rounds rounds timed interleaved query by query, each round starting
with the next engine. p50/p95 by nearest rank over every query's samples; ratios are of
the sums of each query's median (Dela-on-X / raw-X, X / whoosh).
Each size runs in a process of its own. Each Dela app searches in a thread of its own, as
a server's thread keeps its searcher open.
"""

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from flask_migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.build_measures import measured  # noqa: E402
from bench.corpus import Corpus, store  # noqa: E402
from bench.evidence import Searching, ratio  # noqa: E402
from bench.raw_engines import (  # noqa: E402
    RawOpenSearch,
    RawTantivy,
    RawWhoosh,
    corpus_documents,
)
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
from tests.support.opensearch import ThrowawayOpenSearch, opensearch_jars  # noqa: E402

BACKENDS = ("whoosh", "tantivy", "opensearch")
ENGINES = (
    *(f"raw {backend}" for backend in BACKENDS),
    *(f"dela {backend}" for backend in BACKENDS),
)
#: Where the tests keep the OpenSearch jars (pytest's cache): the bench uses the same.
OPENSEARCH_JARS = ROOT / ".pytest_cache" / "d" / "opensearch"
RAW_OPENSEARCH_INDEX = "raw-opensearch"
DELA_OPENSEARCH_PREFIX = "dela-"


def start_node(heap: str) -> ThrowawayOpenSearch:
    """One OpenSearch node for the run, tuned as a server rather than for a test session."""
    node = ThrowawayOpenSearch(opensearch_jars(OPENSEARCH_JARS), heap=heap, short_lived=False)
    say(f"starting an OpenSearch node (heap {heap})")
    try:
        node.start()
    except BaseException:
        node.stop()
        raise
    return node


def store_bytes(url: str, index: str) -> int:
    """The primary store size of `index` (or alias) on the server, as `_stats` gives it."""
    from opensearchpy import OpenSearch

    stats = OpenSearch(hosts=[url]).indices.stats(index=index, metric="store")
    return stats["_all"]["primaries"]["store"]["size_in_bytes"]


def corpus_database(directory: Path, corpus: Corpus, count: int, reuse: bool, secret: str):
    """An app on a database holding materials 0 … count-1 of `corpus`, stored now or, with
    `reuse`, by an earlier run (its statistics file is written last, once all is stored)."""
    stats_file = directory / "corpus.json"
    if reuse and stats_file.exists() and json.loads(stats_file.read_text())["materials"] == count:
        say(f"[{count:,}] reusing the corpus stored in {directory}")
        app = bench_app(directory, secret)
        with app.app_context():
            upgrade()  # stored by an older revision: the tables this one adds
        return app
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


def build_raw(name: str, source, root: Path, node, count: int, per_page: int):
    """Stock engine `name` built on `source`'s materials: its build's measures, its search
    (a page of `per_page` hits, as Dela's)."""
    progress = Progress(name, count)
    if name == "raw opensearch":
        engine = RawOpenSearch(node.url, RAW_OPENSEARCH_INDEX, per_page)
        watched, size = node.data, lambda: store_bytes(node.url, RAW_OPENSEARCH_INDEX)
    else:
        raw = RawWhoosh if name == "raw whoosh" else RawTantivy
        engine = raw(root / name.replace(" ", "-"), per_page)
        shutil.rmtree(engine.directory, ignore_errors=True)
        watched, size, node = engine.directory, None, None
    build = measured(watched, lambda: engine.build(corpus_documents(source), progress), size, node)
    engine.open()
    return build, engine.search


def build_dela(name: str, source, root: Path, node, args):
    """Dela's index on backend `name` built by its rebuild from `source`'s database: the
    build's measures, and Dela's search on it."""
    backend = name.split()[1]
    workdir = root / f"dela-{backend}"
    shutil.rmtree(workdir, ignore_errors=True)
    database_url = source.config["SQLALCHEMY_DATABASE_URI"]
    app = bench_app(workdir, os.environ["SECRET_KEY"], database_url)
    watched, size = Path(app.config["INDEX_DIR"]), None
    if backend == "opensearch":
        prefix = DELA_OPENSEARCH_PREFIX
        app.config.update(OPENSEARCH_HOSTS=(node.url,), OPENSEARCH_INDEX_PREFIX=prefix)
        watched, size = node.data, lambda: store_bytes(node.url, f"{prefix}live")
    else:
        node = None
    progress = Progress(name, args.run_size)
    build = measured(watched, lambda: dela_rebuild(app, backend, progress), size, node)
    return build, dela_searching(app, args.per_page)


def run_size(args) -> dict:
    """One corpus size: store (or reuse), build every engine's index, search."""
    count, root = args.run_size, args.size_dir
    corpus = Corpus()
    source = corpus_database(root / "corpus", corpus, count, args.reuse, os.environ["SECRET_KEY"])
    wanted = [name for name in ENGINES if name in args.engines]
    on_node = any(name.endswith("opensearch") for name in wanted)
    node = start_node(args.opensearch_heap) if on_node else None
    try:
        builds, runs = {}, {}
        for name in wanted:
            if name.startswith("raw"):
                say(f"[{count:,}] building {name}")
                builds[name], runs[name] = build_raw(name, source, root, node, count, args.per_page)
            else:
                say(f"[{count:,}] building {name} (Dela's rebuild)")
                builds[name], runs[name] = build_dela(name, source, root, node, args)
        return search_all(runs, corpus, count, builds, args)
    finally:
        if node is not None:
            node.stop()


def search_all(runs: dict, corpus: Corpus, count: int, builds: dict, args) -> dict:
    """Every query on every engine once (their totals), the untimed warm-up rounds, then
    the timed rounds."""
    query_set = queries(corpus)
    totals = {name: {q.label: run(q)["total"] for q in query_set} for name, run in runs.items()}
    time_interleaved(runs, query_set, args.warm_up_rounds, rotate=True)
    say(f"[{count:,}] {args.rounds} rounds of {len(query_set)} queries x {len(runs)} engines")
    samples = time_interleaved(runs, query_set, args.rounds, rotate=True)
    return {
        "materials": count,
        "builds": builds,
        "totals": totals,
        "samples": samples,
        "queries": [q.label for q in query_set],
        "search_load": os.getloadavg(),
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
        if backend != "whoosh" and whoosh_side in samples
        else ""
    )
    node_cpu = f" + {build['node_cpu']:,.1f}" if build.get("node_cpu") is not None else ""
    return (
        name,
        size,
        f"{build['wall']:,.1f} / {build['cpu']:,.1f}{node_cpu}",
        f"{build['index_mb']:,.1f}",
        f"{build['peak_mb']:,.1f}",
        f"{ms(nearest_rank(pooled, 50)):.1f}",
        f"{ms(nearest_rank(pooled, 95)):.1f}",
        to_floor,
        to_whoosh,
        "/".join(f"{load:.1f}" for load in build["load"]),
    )


def summary(reports: list[dict], args) -> None:
    rows = [
        (
            "engine",
            "size",
            "build s (wall / CPU [+ node CPU])",
            "index MB",
            "peak disk growth during build MB",
            "p50 ms",
            "p95 ms",
            "ratio to its raw floor",
            "/ whoosh",
            "load 1/5/15 min after build",
        )
    ]
    for report in reports:
        written = {b["documents"] for b in report["builds"].values() if "documents" in b}
        if len(written) > 1:
            say(f"! at {report['materials']:,} the engines indexed {sorted(written)} documents")
        rows += [engine_row(report, name) for name in ENGINES if name in report["builds"]]
        loads = "/".join(f"{load:.1f}" for load in report["search_load"])
        say(f"load average (1/5/15 min) after searching at {report['materials']:,}: {loads}")
    say(
        f"\nSearch engines ({os.cpu_count()} cores; {args.rounds} rounds of "
        f"{len(reports[0]['queries'])} queries interleaved after {args.warm_up_rounds + 1} "
        "to warm up; p95 by nearest rank; ratios of the "
        "sums of the queries' medians):"
    )
    print_table(rows)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000], help="materials")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the queries")
    parser.add_argument(
        "--warm-up-rounds", type=int, default=0, help="untimed rounds before them (default 0)"
    )
    parser.add_argument("--per-page", type=int, default=20, help="Dela's hits per page")
    parser.add_argument(
        "--engines",
        action="append",
        choices=ENGINES,
        help="run only these rows (repeat the option; default: all)",
    )
    parser.add_argument(
        "--opensearch-heap", default="2g", help="the OpenSearch node's JVM heap (default 2g)"
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
                f"--warm-up-rounds={args.warm_up_rounds}",
                f"--per-page={args.per_page}",
                f"--opensearch-heap={args.opensearch_heap}",
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
