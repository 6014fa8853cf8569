"""Publish to searchable: how long after a teacher's publish has been answered the first
search finds the new material, while the site is busy. Goal: p95 at most 1 s.

    python bench/publish_to_searchable.py                     # SQLite and PostgreSQL
    python bench/publish_to_searchable.py --seconds 20 --clients 10 --databases sqlite
    python bench/publish_to_searchable.py --backend tantivy     # on the other engine

Per database: a corpus of generated materials (bench/corpus.py) is stored and indexed, then
the real server (gunicorn serving bench/server.py, as bench/search_latency.py starts it)
and the real indexer (`flask search worker`, a process of its own, on the same settings)
run while `--clients` simulated teachers, each signed in with cookies of their own, browse
(the start page, "Utforska", a material page), search, and now and then publish through
the share form, pausing between acts as people do. A teacher who published then searches
for the new material's unique word every 50 ms until it is found: the time from the
publish POST's response to the response of the search that found it is one sample.
PostgreSQL is a throwaway server (tests/support/postgres.py); without initdb it is left
out.
"""

import argparse
import os
import random
import re
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import Corpus, store  # noqa: E402
from bench.search_latency import (  # noqa: E402
    Client,
    Progress,
    Query,
    nearest_rank,
    print_table,
    queries,
    say,
    start_server,
)
from bench.server import bench_app, start_worker  # noqa: E402

#: A found material must be found within this long, or it counts as never found.
GIVE_UP_SECONDS = 30
POLL_SECONDS = 0.05


def prepare(workdir: Path, secret: str, database_url: str | None, count: int) -> int:
    """The database made, the demo accounts and `count` generated materials stored and
    indexed; returns a core process id for the share form."""
    from flask_migrate import upgrade
    from sqlalchemy import select

    from share.demo.accounts import seed_demo_accounts
    from share.extensions import db
    from share.search.synonyms import seed_synonyms
    from share.search.upkeep import rebuild
    from share.vocabularies.models import CoreProcess

    app = bench_app(workdir, secret, database_url)
    with app.app_context():
        upgrade()
        seed_demo_accounts()
        seed_synonyms()
        db.session.commit()
    store(app, Corpus(), count, Progress("storing", count))
    with app.app_context():
        rebuild()
        process_id = db.session.execute(select(CoreProcess.id)).scalars().first()
        db.session.remove()
        db.engine.dispose()
    return process_id


class Teacher:
    """One simulated teacher: acts until `until`, recording how long each act took."""

    def __init__(self, number: int, base: str, args, process_id: int, query_set: list[Query]):
        self.random = random.Random(number)  # noqa: S311 (a load pattern, not a secret)
        self.client = Client(base)
        self.args, self.process_id, self.query_set = args, process_id, query_set
        self.times: dict[str, list[float]] = {"browse": [], "search": [], "publish": []}
        self.searchable: list[float] = []
        #: As `searchable`, to the start of the search that found it: without that
        #: search's own time, which a busy server makes long.
        self.asked: list[float] = []
        self.never_found = 0
        self.errors: list[str] = []
        self.material_paths: list[str] = []

    def run(self, until: float) -> None:
        while time.monotonic() < until:
            act = self.random.choices(
                [self.browse, self.search, self.publish],
                weights=[self.args.browse, self.args.search, self.args.publish],
            )[0]
            try:
                act()
            except Exception as error:  # noqa: BLE001 (counted and shown in the report)
                self.errors.append(f"{act.__name__}: {error!r}"[:300])
            time.sleep(self.random.uniform(0.5, 1.5) * self.args.think)

    def _timed(self, kind: str, call):
        started = time.perf_counter()
        result = call()
        self.times[kind].append(time.perf_counter() - started)
        return result

    def browse(self) -> None:
        paths = ["/", "/utforska", *self.material_paths[-3:]]
        html = self._timed("browse", lambda: self.client.get(self.random.choice(paths)))
        self.material_paths += re.findall(r'href="(/material/\d+)"', html.decode())[:3]
        self.material_paths = self.material_paths[-10:]

    def search(self) -> None:
        query = self.random.choice(self.query_set)
        self._timed("search", lambda: self.client.search(query))

    def publish(self) -> None:
        marker = f"nyhet{secrets.token_hex(5)}"
        token = self.client.token("/material/ny")
        data = {
            "kind": "method",
            "title": f"Bänkbok {marker}",
            "summary": "En ny metod för högläsning i förskolan.",
            "licence": "cc-by-4.0",
            "core_process_ids": self.process_id,
            "action": "publish",
        }
        answer = self._timed(
            "publish",
            lambda: self.client.post("/material/ny", data, token, "application/json"),
        )
        if b'"ok":true' not in answer.replace(b" ", b""):
            raise RuntimeError(f"publishing failed: {answer[:200]!r}")
        published = time.perf_counter()
        while time.perf_counter() - published < GIVE_UP_SECONDS:
            asked = time.perf_counter() - published
            if self.client.search(Query("", marker))["total"]:
                self.searchable.append(time.perf_counter() - published)
                self.asked.append(asked)
                return
            time.sleep(POLL_SECONDS)
        self.never_found += 1


def run_load(base: str, args, process_id: int) -> list[Teacher]:
    query_set = [q for q in queries(Corpus()) if q.text]
    say(f"  signing in {args.clients} teachers")
    teachers = [Teacher(n, base, args, process_id, query_set) for n in range(args.clients)]
    until = time.monotonic() + args.seconds
    threads = [threading.Thread(target=t.run, args=(until,)) for t in teachers]
    say(f"  {args.clients} teachers at work for {args.seconds} s")
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return teachers


def one_database(name: str, database_url: str | None, workdir: Path, args) -> dict:
    secret = secrets.token_urlsafe(48)
    say(f"[{name}] {args.materials:,} materials")
    process_id = prepare(workdir, secret, database_url, args.materials)
    env = {**os.environ, "BENCH_DIR": str(workdir), "SECRET_KEY": secret}
    if database_url:
        env["BENCH_DATABASE_URL"] = database_url
    with (workdir / "worker.log").open("wb") as worker_log:
        worker = start_worker(env, worker_log)
        try:
            with (workdir / "gunicorn.log").open("wb") as server_log:
                server, base = start_server(env, args.workers, args.threads, server_log)
                try:
                    teachers = run_load(base, args, process_id)
                finally:
                    server.terminate()
                    server.wait(timeout=60)
        finally:
            worker.send_signal(signal.SIGTERM)
            worker_status = worker.wait(timeout=60)
    logs = {
        log: (workdir / log).read_text(errors="replace") for log in ("worker.log", "gunicorn.log")
    }
    return {
        "database": name,
        "searchable": [s for t in teachers for s in t.searchable],
        "asked": [s for t in teachers for s in t.asked],
        "never_found": sum(t.never_found for t in teachers),
        "times": {
            kind: [s for t in teachers for s in t.times[kind]]
            for kind in ("browse", "search", "publish")
        },
        "errors": [e for t in teachers for e in t.errors],
        "worker_status": worker_status,
        "log_errors": [
            f"{log}: {error}"[:300] for log, text in logs.items() for error in errors_in(text)
        ],
    }


def errors_in(log: str) -> list[str]:
    """The ERROR lines of a log, and the last line (the exception) of each traceback."""
    found, lines = [], log.splitlines()
    for number, line in enumerate(lines):
        if "ERROR" in line:
            found.append(line)
        elif line.startswith("Traceback"):
            rest = lines[number + 1 :]
            found.append(next((x for x in rest if x and not x[0].isspace()), line))
    return found


def percentiles(samples: list[float]) -> str:
    if not samples:
        return "-"
    p50, p95 = (nearest_rank(samples, p) * 1000 for p in (50, 95))
    return f"{p50:.0f} / {p95:.0f} ms"


def report(results: list[dict], args) -> None:
    rows = [("", "goal", *[r["database"] for r in results])]

    def row(label: str, goal: str, cell) -> None:
        rows.append((label, goal, *[cell(r) for r in results]))

    def searchable(r: dict) -> str:
        samples = r["searchable"]
        if not samples:
            return "no samples"
        p95 = nearest_rank(samples, 95)
        mark = "  ok" if p95 <= 1.0 and not r["never_found"] else "  MISSED"
        return f"{percentiles(samples)}, max {max(samples) * 1000:.0f} ms{mark}"

    row("published", "", lambda r: f"{len(r['searchable']) + r['never_found']}")
    row("publish → searchable p50 / p95", "p95 <= 1000 ms", searchable)
    row("… to the start of the search that found it", "", lambda r: percentiles(r["asked"]))
    row(f"never found within {GIVE_UP_SECONDS} s", "0", lambda r: str(r["never_found"]))
    for kind in ("browse", "search", "publish"):
        row(
            f"{kind} p50 / p95",
            "",
            lambda r, k=kind: f"{percentiles(r['times'][k])} ({len(r['times'][k])})",
        )
    row("failed acts", "0", lambda r: str(len(r["errors"])))
    row("errors in the logs", "0", lambda r: str(len(r["log_errors"])))
    row("worker's exit status on SIGTERM", "0", lambda r: str(r["worker_status"]))
    say(
        f"\nPublish to searchable ({os.cpu_count()} cores, load average now "
        f"{os.getloadavg()[0]:.1f}; {args.clients} teachers for "
        f"{args.seconds} s, {args.materials:,} materials, gunicorn {args.workers} workers x "
        f"{args.threads} threads, p95 by nearest rank):"
    )
    print_table(rows)
    for r in results:
        for error in r["errors"][:5] + r["log_errors"][:5]:
            say(f"  [{r['database']}] {error}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--materials", type=int, default=200, help="materials stored first")
    parser.add_argument("--clients", type=int, default=40, help="simulated teachers")
    parser.add_argument("--seconds", type=int, default=90, help="how long they work")
    parser.add_argument("--think", type=float, default=2.0, help="mean pause between acts, s")
    # About one publish in twenty acts: 40 teachers then publish about one material a
    # second, more than the 215 in five minutes once measured with 40 simulated teachers.
    parser.add_argument("--browse", type=float, default=12, help="weight of browsing")
    parser.add_argument("--search", type=float, default=7, help="weight of searching")
    parser.add_argument("--publish", type=float, default=1, help="weight of publishing")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument(
        "--databases", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"]
    )
    parser.add_argument(
        "--backend", choices=["whoosh", "tantivy"], default="whoosh", help="search engine"
    )
    args = parser.parse_args()
    # The apps here, gunicorn's and the worker's all read it from the environment.
    os.environ["SEARCH_BACKEND"] = args.backend
    scratch = Path(tempfile.mkdtemp(prefix="dela-publish-bench-"))
    results = []
    try:
        for name in args.databases:
            workdir = scratch / name
            workdir.mkdir()
            if name == "sqlite":
                results.append(one_database(name, None, workdir, args))
                continue
            from tests.support.postgres import ThrowawayPostgres, find_postgres_bin

            bin_dir = find_postgres_bin()
            if bin_dir is None:
                say("! no PostgreSQL (initdb) found: left out")
                continue
            postgres = ThrowawayPostgres(bin_dir)
            postgres.start()
            try:
                results.append(one_database(name, postgres.url, workdir, args))
            finally:
                postgres.stop()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if results:
        report(results, args)


if __name__ == "__main__":
    main()
