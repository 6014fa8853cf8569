"""Evidence benchmark: what try reports and evidence levels cost search and the material page.

    python bench/evidence.py                                    # 10k materials, 100k reports
    python bench/evidence.py --materials 1000 --reports 10000   # quick: a few minutes

Goals (2-core machine): a search with the evidence facet and "Mest provade" at 10k
materials and 100k try reports costs at most 10 % more than the same search without them;
the page of a material with 500 reports and 500 comments answers
in under 150 ms on PostgreSQL.

Search (SQLite, in-process, as bench/search_latency.py): the corpus of bench/corpus.py is
stored once and copied; one copy gets the try reports of bench/try_reports.py (levels by
the real rule, checked on a sample), the other none, and each gets its index from the
app's own `rebuild`. The query set of bench/search_latency.py then runs interleaved, query
by query, as: (plain) the corpus without reports; (a) with reports, no evidence filter,
relevance or the query's own sort, twice ("a again" is the noise floor); (b) with an
evidence filter, the most_tried sort, and both. Each app searches in a thread of its own,
which keeps its own searcher open as a server's thread does.

Page (PostgreSQL, through gunicorn): the same corpus and reports in a throwaway PostgreSQL
(tests/support/postgres.py); one material has exactly --page-reports and --page-comments.
The queries each page costs are counted in-process (an N+1 shows as a count that grows
with the reports);
then a signed-in client GETs that page and an untried material's page, interleaved.
"""

import argparse
import collections
import os
import queue
import re
import secrets
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import EMAIL, Corpus, store  # noqa: E402
from bench.search_latency import (  # noqa: E402
    Client,
    Progress,
    in_process,
    index_stats,
    ms,
    nearest_rank,
    print_table,
    queries,
    say,
    start_server,
    time_interleaved,
)
from bench.server import bench_app  # noqa: E402
from bench.try_reports import add_comments, fill, prepare_database, verify  # noqa: E402
from share.demo.accounts import DEMO_PASSWORD  # noqa: E402

EVIDENCE_FILTER = ["tried", "proven"]
GOAL_RATIO, GOAL_PAGE_MS = 1.10, 150


def filtered(query):
    return replace(query, filters={**query.filters, "evidence": EVIDENCE_FILTER})


def most_tried(query):
    return replace(query, sort="most_tried")


#: Run name → (corpus, how the query is changed). "a" and "a again" are the same search.
VARIANTS = {
    "plain": ("plain", lambda q: q),
    "a": ("tried", lambda q: q),
    "a again": ("tried", lambda q: q),
    "filter": ("tried", filtered),
    "newest": ("tried", lambda q: replace(q, sort="newest")),  # the sort there was before
    "most tried": ("tried", most_tried),
    "both": ("tried", lambda q: most_tried(filtered(q))),
}


class Searching(threading.Thread):
    """An app's searches in a thread of its own (share/search/index.py keeps one searcher
    open per thread): called from the main thread, one search at a time."""

    def __init__(self, app):
        super().__init__(daemon=True)
        self.run_query = in_process(app)
        self.jobs, self.answers = queue.Queue(), queue.Queue()
        self.start()

    def run(self):
        while True:
            query = self.jobs.get()
            try:
                self.answers.put(self.run_query(query))
            except Exception as error:  # noqa: BLE001 (raised again in the caller's thread)
                self.answers.put(error)

    def __call__(self, query) -> dict:
        self.jobs.put(query)
        answer = self.answers.get()
        if isinstance(answer, Exception):
            raise answer
        return answer


def build_index(app, count: int, label: str) -> dict:
    from share.search.upkeep import rebuild

    with app.app_context():
        started = time.perf_counter()
        rebuild(progress=Progress(f"indexing ({label})", count))
        seconds = time.perf_counter() - started
    return {"build_seconds": seconds, **index_stats(app)}


def load() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def search_phase(args, corpus: Corpus, root: Path, secret: str) -> dict:
    report = {}
    tried_dir, plain_dir = root / "tried", root / "plain"
    for directory in (tried_dir, plain_dir):
        directory.mkdir(parents=True)
    tried = bench_app(tried_dir, secret)
    prepare_database(tried)
    started = time.perf_counter()
    report["corpus"] = store(tried, corpus, args.materials, Progress("storing", args.materials))
    report["store_seconds"] = time.perf_counter() - started
    source, target = (sqlite3.connect(d / "bench.sqlite3") for d in (tried_dir, plain_dir))
    source.backup(target)  # the corpus without reports
    source.close()
    target.close()
    plain = bench_app(plain_dir, secret)
    report["plain_index"] = build_index(plain, args.materials, "without reports")
    report["fill"] = fill(
        tried, corpus, args.reports, args.page_reports, Progress("try reports", args.reports)
    )
    report["verified"] = verify(tried, report["fill"].pop("sample"))
    report["tried_index"] = build_index(tried, args.materials, "with reports")

    query_set = queries(corpus)
    searching = {"plain": Searching(plain), "tried": Searching(tried)}
    runs = {
        name: (lambda q, s=searching[app], change=change: s(change(q)))
        for name, (app, change) in VARIANTS.items()
    }
    report["totals"] = {
        name: {q.label: run(q)["total"] for q in query_set} for name, run in runs.items()
    }
    say(f"searching: {args.rounds} rounds of {len(query_set)} queries x {len(runs)}, load {load()}")
    started = time.perf_counter()
    report["samples"] = time_interleaved(runs, query_set, args.rounds, rotate=True)
    report["search_seconds"] = time.perf_counter() - started
    report["load"] = load()
    report["queries"] = query_set
    return report


def count_queries(app, pages: dict[str, str]) -> dict:
    """Per page: the SQL statements one signed-in request runs, and the most repeated one."""
    from sqlalchemy import event

    from share.extensions import db

    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    client = app.test_client()
    html = client.get("/logga-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    client.post("/logga-in", data={"email": EMAIL, "password": DEMO_PASSWORD, "csrf_token": token})
    counted = {}
    event.listen(engine, "before_cursor_execute", record)
    try:
        for label, path in pages.items():
            statements.clear()
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")
            repeated, times = collections.Counter(statements).most_common(1)[0]
            counted[label] = {"queries": len(statements), "repeated": (times, repeated[:160])}
    finally:
        event.remove(engine, "before_cursor_execute", record)
    for label, path in pages.items():  # the app alone, without HTTP and gunicorn
        timed = []
        for _ in range(10):
            started = time.perf_counter()
            client.get(path)
            timed.append(time.perf_counter() - started)
        counted[label]["in_process_ms"] = ms(statistics.median(timed))
    return counted


def page_phase(args, corpus: Corpus, root: Path, secret: str) -> dict | None:
    from tests.support.postgres import ThrowawayPostgres, find_postgres_bin

    bin_dir = find_postgres_bin()
    if bin_dir is None:
        say("! no PostgreSQL (initdb) found: the page is not measured")
        return None
    report, workdir = {}, root / "pg"
    workdir.mkdir(parents=True)
    postgres = ThrowawayPostgres(bin_dir)
    postgres.start()
    try:
        app = bench_app(workdir, secret, postgres.url)
        prepare_database(app)
        store(app, corpus, args.materials, Progress("storing (PostgreSQL)", args.materials))
        filled = fill(
            app, corpus, args.reports, args.page_reports, Progress("reports", args.reports)
        )
        verify(app, filled.pop("sample"))
        report["fill"] = filled
        pages = {
            f"{args.page_reports} reports": f"/material/{filled['page_id']}",
            f"{args.page_reports} reports, page 2": f"/material/{filled['page_id']}?page=2",
            "untried": f"/material/{filled['untried_id']}",
        }
        report["comments"] = add_comments(app, filled["page_id"], args.page_comments, corpus)
        report["counted"] = count_queries(app, pages)
        env = {**os.environ, "BENCH_DIR": str(workdir), "BENCH_DATABASE_URL": postgres.url,
               "SECRET_KEY": secret}  # fmt: skip
        with (workdir / "gunicorn.log").open("wb") as log:
            server, base = start_server(env, args.workers, args.threads, log)
            try:
                client = Client(base)
                for path in list(pages.values()) * 5:  # every worker warm
                    client.get(path)
                first = client.get(next(iter(pages.values())))
                report["shown"] = first.count(b'class="report"')
                say(f"material pages: {args.requests} rounds over HTTP, load {load()}")
                samples = {label: [] for label in pages}
                for _ in range(args.requests):
                    for label, path in pages.items():
                        started = time.perf_counter()
                        client.get(path)
                        samples[label].append(time.perf_counter() - started)
                report["load"] = load()
            finally:
                server.terminate()
                server.wait(timeout=60)
        report["samples"] = samples
    finally:
        postgres.stop()
    return report


# -- the report ---------------------------------------------------------------------------


def ratio(samples: dict, name: str, base: str, label: str | None = None) -> float:
    """The ratio of medians, of one query or (label None) of the sums over all queries."""
    labels = [label] if label else list(samples[name])

    def total(run):
        return sum(statistics.median(samples[run][lb]) for lb in labels)

    return total(name) / total(base)


def print_search(report: dict) -> None:
    samples, totals = report["samples"], report["totals"]
    say("\nQueries (medians, ms; ratios of medians; hits without and with the evidence filter):")
    names = ["plain", "a", "a again", "filter", "newest", "most tried", "both"]
    rows = [("query", "hits", "plain", "a", "a again/a", "filter/a", "newest/a", "most tried/a",
             "both/a", "a/plain")]  # fmt: skip
    for q in report["queries"]:
        median = {name: statistics.median(samples[name][q.label]) for name in names}
        rows.append(
            (
                q.label,
                f"{totals['a'][q.label]:,} / {totals['filter'][q.label]:,}",
                f"{ms(median['plain']):.1f}",
                f"{ms(median['a']):.1f}",
                *(f"{median[n] / median['a']:.2f}" for n in names[2:]),
                f"{median['a'] / median['plain']:.2f}",
            )
        )
    print_table(rows)


def summary(args, search: dict | None, page: dict | None, seconds: float) -> None:
    rows = [("", "goal", f"{args.materials:,} materials, {args.reports:,} reports")]

    def add(label: str, goal: str, value: str, ok: bool | None = None) -> None:
        rows.append((label, goal, value + ("" if ok is None else "  ok" if ok else "  MISSED")))

    if search:
        fill, samples = search["fill"], search["samples"]
        counts = ", ".join(f"{k}: {v:,}" for k, v in sorted(fill["counts"].items(), key=_order))
        add("materials by reports", "most 0-3, a few 100s", counts)
        add("materials by level", "", ", ".join(f"{k}: {v:,}" for k, v in fill["levels"].items()))
        add("levels checked by the rule", "all agree", f"{search['verified']} materials", True)
        add("reports' own text", "", f"{fill['text_mb']:.1f} MB, stored in {fill['seconds']:.0f} s")
        for key, label in (("plain_index", "without reports"), ("tried_index", "with reports")):
            i = search[key]
            add(
                f"index {label}",
                "",
                f"{i['build_seconds']:.0f} s to build, {i['index_mb']:,} MB, "
                f"searcher opens in {i['searcher_open_ms']:.0f} ms",
            )
        for name in VARIANTS:
            pooled = [s for values in samples[name].values() for s in values]
            p50, p95 = (ms(nearest_rank(pooled, p)) for p in (50, 95))
            add(f"search p50 / p95: {name}", "", f"{p50:.0f} / {p95:.0f} ms")
        for name in ("a again", "filter", "newest", "most tried", "both"):
            overall = ratio(samples, name, "a")
            worst = max(search["queries"], key=lambda q, n=name: ratio(samples, n, "a", q.label))
            goal = {"a again": "noise floor", "newest": "(for comparison)"}.get(name)
            add(
                f"{name} / a, all queries (worst)",
                goal or f"<= {GOAL_RATIO:.2f}",
                f"{overall:.2f} ({ratio(samples, name, 'a', worst.label):.2f}: {worst.label})",
                None if goal else overall <= GOAL_RATIO,
            )
        add("most tried / newest, all queries", "", f"{ratio(samples, 'most tried', 'newest'):.2f}")
        add("a / plain, all queries", "", f"{ratio(samples, 'a', 'plain'):.2f}")
        add("searching took; load after", "", f"{search['search_seconds']:.0f} s; {search['load']}")
    if page:
        for n, (label, samples) in enumerate(page["samples"].items()):
            p50, p95 = (ms(nearest_rank(samples, p)) for p in (50, 95))
            goal = f"p95 < {GOAL_PAGE_MS} ms" if n == 0 else ""
            add(
                f"page p50 / p95: {label}",
                goal,
                f"{p50:.0f} / {p95:.0f} ms",
                p95 < GOAL_PAGE_MS if n == 0 else None,
            )
        for label, counted in page["counted"].items():
            times, statement = counted["repeated"]
            repeated = " ".join(statement.split())[:50]
            add(
                f"SQL statements: {label}", "no N+1", f"{counted['queries']} (x{times}: {repeated})"
            )
            add(f"in-process median: {label}", "", f"{counted['in_process_ms']:.0f} ms")
        add("reports shown on its first page", "", str(page["shown"]))
        add("comments on it", "", str(page["comments"]))
        add("load after the pages", "", page["load"])
    add("the whole run", "", f"{seconds / 60:.1f} min on {os.cpu_count()} cores")
    say(
        f"\nEvidence benchmark ({args.rounds} search rounds, {args.requests} page rounds; "
        "p95 by nearest rank; load = 1/5/15-minute load averages):"
    )
    print_table(rows)


def _order(item) -> int:
    return ["0", "1-3", "4-20", "21-99", "100+"].index(item[0])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--materials", type=int, default=10_000)
    parser.add_argument("--reports", type=int, default=100_000, help="try reports in all")
    parser.add_argument("--page-reports", type=int, default=500, help="on the measured page")
    parser.add_argument("--page-comments", type=int, default=500, help="on the measured page")
    parser.add_argument("--rounds", type=int, default=7, help="rounds of the search queries")
    parser.add_argument("--requests", type=int, default=100, help="rounds of page requests")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=2, help="gunicorn threads per worker")
    parser.add_argument("--only", choices=["search", "page"], help="one half of the benchmark")
    args = parser.parse_args()
    started, corpus = time.perf_counter(), Corpus()
    secret = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(48)
    root = Path(tempfile.mkdtemp(prefix="dela-evidence-bench-"))
    say(f"{args.materials:,} materials, {args.reports:,} try reports in {root}; load {load()}")
    try:
        search = page = None
        if args.only != "page":
            search = search_phase(args, corpus, root, secret)
            print_search(search)
        if args.only != "search":
            page = page_phase(args, corpus, root, secret)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    summary(args, search, page, time.perf_counter() - started)


if __name__ == "__main__":
    main()
