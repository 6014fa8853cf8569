"""Search benchmark: index build rate; in-process, HTTP and raw Whoosh latency of a
fixed set of queries on the same index; and how soon a material published through the
running server is found through it. Prints one table with the goals beside the results.

    python bench/search_latency.py                    # 10k and 100k materials (slow: hours)
    python bench/search_latency.py --sizes 1000       # a quick look

Goals (2-core machine): p95 of a faceted, highlighted search at 100k materials under 100 ms
in-process; the app within 1.5x of the raw Whoosh query on the same index; a newly
published material searchable within 1 s. The corpus comes from bench/corpus.py: realistic
Swedish, ~8 KB of text per material with a long tail of large files, deterministic.

Each size runs in a child process of its own (a fresh app, index caches and memory), with
the app configured exactly as bench/server.py serves it under gunicorn. "Raw" is stock
Whoosh on the same index and the same query object (`build_query`), with one searcher kept
open: the search, facet counts from the same columns, highlights of the hits shown, and
Whoosh's own spelling suggestion for words the index lacks. The app adds the rest (opening
the index, the database, per-filter facet counts, its "Menade du", file snippets), so
app/raw is its overhead. These machines are noisy: app and raw are timed
interleaved, query by query. Publish-to-found goes through the running server: a material
published with the share form (or by another process, through the service), then the
server's search API polled until it finds it; also with the HTTP clients busy.
"""

import argparse
import json
import math
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import EMAIL, Corpus, store  # noqa: E402
from bench.server import start_worker  # noqa: E402
from share.demo.accounts import DEMO_PASSWORD  # noqa: E402

#: The facets the benchmark counts; raw Whoosh counts them from the columns the index has.
FACET_NAMES = ("kind", "core_process", "area", "school_form", "subject", "licence")


@dataclass
class Query:
    label: str
    text: str
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"


def queries(corpus: Corpus) -> list[Query]:
    return [
        Query("common word", "elever"),
        Query("inflected word", "leken"),
        Query("stop word", "lek och lärande"),
        Query("stop word, synonym (SVA)", "svenska som andraspråk"),
        Query("synonym (IKT)", "digitala verktyg"),
        Query("compound", "läsförståelse"),
        Query("compound part (endings)", "förståelse"),
        Query("compound start (prefix)", "bråk"),
        Query("two words", "matematik problemlösning"),
        Query("misspelling: Menade du", "läsförstålse"),
        Query("misspellings, stop word", "högläsnimg i förskloan"),
        Query("rare word", corpus.rare_word()),
        Query(
            "common word, 2 filters",
            "elever",
            {"core_process": ["synligt-larande"], "school_form": ["grundskola-4-6"]},
        ),
        Query("word, filter", "läsförståelse", {"subject": ["svenska"]}),
        Query("empty query", ""),
        Query("empty query, newest first", "", sort="newest"),
        Query("empty query, filter", "", {"core_process": ["vardegrund"]}),
    ]


def nearest_rank(samples: list[float], percent: float) -> float:
    """The nearest-rank percentile: the smallest sample with `percent` % at or below it."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def say(text: str) -> None:
    print(text, flush=True)


class Progress:
    """Prints "label: done/total" about every 5 % (and at the end)."""

    def __init__(self, label: str, total: int):
        self.label, self.total, self.done, self.next = label, total, 0, 0
        self.started = time.perf_counter()

    def __call__(self, count: int) -> None:
        self.done += count
        if self.done >= self.next or self.done >= self.total:
            elapsed = time.perf_counter() - self.started
            rate = self.done / elapsed if elapsed else 0
            say(f"  {self.label}: {self.done:,}/{self.total:,} ({rate:,.0f}/s, {elapsed:,.0f} s)")
            self.next = self.done + max(1, self.total // 20)


# -- one size, in a child process -----------------------------------------------------------


def index_stats(app) -> dict:
    from whoosh import index as whoosh_index

    from share.search.index import index_dir

    with app.app_context():
        directory = index_dir()
    ix = whoosh_index.open_dir(str(directory))
    name = "spelling" if "spelling" in ix.schema else "text"
    with ix.reader() as reader:
        words = sum(1 for _ in reader.lexicon(name))
        documents = reader.doc_count()
    opening = []
    for _ in range(5):
        started = time.perf_counter()
        ix.searcher().close()
        opening.append(time.perf_counter() - started)
    return {
        "documents": documents,
        "distinct_words": words,
        "word_field": name,
        "index_mb": round(sum(p.stat().st_size for p in directory.iterdir()) / 1e6),
        "searcher_open_ms": ms(statistics.median(opening)),
    }


def in_process(app):
    from share.search.services import clean_request, search

    def run(query: Query) -> dict:
        with app.test_request_context():
            result = search(clean_request(query.text, query.filters, query.sort, 1, 10))
            return {"total": result.total, "suggestion": result.suggestion}

    return run


def raw_whoosh(app, query_set: list[Query]):
    """Stock Whoosh on the same index and query object: search, facet counts from the same
    columns, highlights of the hits shown, Whoosh's own spelling suggestion for the words the
    index lacks; no database. One searcher is kept open and refreshed when the index
    changes, as Whoosh's documentation advises."""
    from whoosh import highlight, sorting
    from whoosh import index as whoosh_index
    from whoosh.query import And, Or, Term

    from share.search.index import index_dir
    from share.search.query import build_query

    with app.app_context():
        ix = whoosh_index.open_dir(str(index_dir()))
        with ix.searcher() as opened:
            reader = opened.reader()
            built = {query.text: build_query(query.text, reader) for query in query_set}
    schema = ix.schema
    facets = {
        name: sorting.FieldFacet(
            f"{name}_set" if f"{name}_set" in schema else name, maptype=sorting.Count
        )
        for name in FACET_NAMES
        if name in schema
    }
    text_field = "text" if "text" in schema else "body"
    excerpt = next((n for n in ("body_excerpt", "body") if n in schema and schema[n].stored), None)
    fragmenter = highlight.ContextFragmenter(maxchars=200, surround=60)
    formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
    current = [ix.searcher()]
    spelling = "spelling" if "spelling" in schema else None
    typed = {
        q.text: [t.text for t in schema[spelling].analyzer(q.text)] if spelling else []
        for q in query_set
    }

    def run(query: Query) -> dict:
        filters = [Or([Term(name, v) for v in values]) for name, values in query.filters.items()]
        newest = query.sort == "newest"
        if not current[0].up_to_date():
            current[0] = current[0].refresh()
        page = current[0].search_page(
            built[query.text],
            1,
            pagelen=10,
            filter=And(filters) if filters else None,
            groupedby=facets,
            sortedby="published" if newest else None,
            reverse=newest,
        )
        page.results.fragmenter, page.results.formatter = fragmenter, formatter
        for name in facets:
            page.results.groups(name)
        for hit in page:
            stored = (hit.get(excerpt) or "")[:4000] if excerpt else ""
            snippet = hit.highlights(text_field, text=stored) if stored else ""
            if not snippet:
                hit.highlights("summary")
        if spelling:
            corrector = current[0].corrector(spelling)
            for word in typed[query.text]:
                if len(word) > 2 and not current[0].doc_frequency(spelling, word):
                    corrector.suggest(word, limit=1, prefix=1)
        return {"total": page.total}

    return run


def time_interleaved(runs: dict, query_set: list[Query], rounds: int, rotate=False) -> dict:
    """Seconds per run name and query label; each query runs once per name in turn. With
    `rotate`, each round starts one name later, so that no name always comes first."""
    samples = {name: {q.label: [] for q in query_set} for name in runs}
    names = list(runs)
    for number in range(rounds):
        shift = number % len(names) if rotate else 0
        for query in query_set:
            for name in names[shift:] + names[:shift]:
                run = runs[name]
                started = time.perf_counter()
                run(query)
                samples[name][query.label].append(time.perf_counter() - started)
    return samples


class Client:
    """A signed-in browser of the running server (its own cookies, like a person)."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.post("/logga-in", {"email": EMAIL, "password": DEMO_PASSWORD}, self.token("/logga-in"))

    def get(self, path: str, headers: dict | None = None) -> bytes:
        # The server this benchmark started, over plain HTTP.
        request = urllib.request.Request(self.base + path, headers=headers or {})  # noqa: S310
        with self.opener.open(request, timeout=300) as response:
            return response.read()

    def token(self, form_page: str) -> str:
        """The CSRF token of this session, from a page with a form."""
        html = self.get(form_page).decode()
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)

    def post(self, path: str, data: dict, token: str, accept: str = "text/html") -> bytes:
        body = urllib.parse.urlencode({**data, "csrf_token": token}, doseq=True).encode()
        request = urllib.request.Request(  # noqa: S310 (see get)
            self.base + path, body, headers={"Accept": accept}
        )
        with self.opener.open(request, timeout=300) as response:
            return response.read()

    def search(self, query: Query) -> dict:
        params = {"q": query.text, "sort": query.sort, **query.filters}
        path = "/api/v1/search?" + urllib.parse.urlencode(params, doseq=True)
        return json.loads(self.get(path, {"Accept": "application/json"}))


def http_latency(base: str, query_set: list[Query], clients: int, rounds: int) -> dict:
    """Every client runs every query `rounds` times, in its own order, all at once."""
    users = [Client(base) for _ in range(clients)]
    samples: dict[str, list[float]] = {q.label: [] for q in query_set}
    totals: dict[str, int] = {}
    lock = threading.Lock()

    failures: list[Exception] = []

    def work(client: Client, order: list[Query], record: bool) -> None:
        try:
            for query in order:
                started = time.perf_counter()
                total = client.search(query)["total"]
                if record:
                    with lock:
                        samples[query.label].append(time.perf_counter() - started)
                        totals[query.label] = total
        except Exception as error:  # noqa: BLE001 (raised again below, in the main thread)
            failures.append(error)

    def all_clients(record: bool) -> float:
        orders = []
        for i in range(clients):
            order = query_set * (rounds if record else 1)
            random.Random(i).shuffle(order)  # noqa: S311 (an order, not a secret)
            orders.append(order)
        threads = [
            threading.Thread(target=work, args=(c, o, record))
            for c, o in zip(users, orders, strict=True)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if failures:
            raise failures[0]
        return time.perf_counter() - started

    all_clients(record=False)  # every worker opens the index and fills its caches
    wall = all_clients(record=True)
    return {
        "samples": samples,
        "totals": totals,
        "per_second": clients * rounds * len(query_set) / wall,
    }


def publish_to_found(app, base: str, how: str, times: int, load_clients: int = 0) -> list[float]:
    """Seconds from publishing a new material to the running server's search finding it.
    `how`: "http" (the share form, like a teacher) or "service" (create_material in this
    process, like another worker or a command); the indexer (`flask search worker`) makes
    either searchable."""
    from sqlalchemy import select

    from share.auth.models import User
    from share.extensions import db
    from share.materials.models import Licence, MaterialKind
    from share.materials.services import MaterialDraft, create_material
    from share.vocabularies.models import CoreProcess

    with app.app_context():
        process_id = db.session.execute(select(CoreProcess.id)).scalars().first()
    client = Client(base)
    token = client.token("/material/ny")
    stop = threading.Event()

    def load() -> None:
        user, query = Client(base), Query("load", "elever")
        while not stop.is_set():
            user.search(query)

    loaders = [threading.Thread(target=load) for _ in range(load_clients)]
    for thread in loaders:
        thread.start()
    found = []
    try:
        time.sleep(1 if loaders else 0)
        for _ in range(times):
            marker = f"nyhet{secrets.token_hex(5)}"
            title, summary = f"Bänkbok {marker}", "En ny metod för högläsning i förskolan."
            started = time.perf_counter()
            if how == "http":
                data = {
                    "kind": "method",
                    "title": title,
                    "summary": summary,
                    "licence": "cc-by-4.0",
                    "core_process_ids": process_id,
                    "action": "publish",
                }
                answer = client.post("/material/ny", data, token, "application/json")
                if not json.loads(answer).get("ok"):
                    raise RuntimeError(f"publishing over HTTP failed: {answer[:300]!r}")
            else:
                with app.app_context():
                    author = db.session.execute(
                        select(User).where(User.email == EMAIL)
                    ).scalar_one()
                    draft = MaterialDraft(
                        kind=MaterialKind.METHOD,
                        title=title,
                        summary=summary,
                        licence=Licence.CC_BY,
                        terms={"core_process": [process_id]},
                    )
                    create_material(author, draft, publish=True)
                    db.session.commit()
            while client.search(Query("", marker))["total"] < 1:
                if time.perf_counter() - started > 30:
                    say(f"  ! {marker} not found after 30 s")
                    break
                time.sleep(0.01)
            found.append(time.perf_counter() - started)
    finally:
        stop.set()
        for thread in loaders:
            thread.join()
    return found


def start_server(env: dict, workers: int, threads: int, log):
    """gunicorn serving bench/server.py; its log (errors, tracebacks) goes to file `log`."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "600",
            "--bind",
            f"127.0.0.1:{port}",
            "bench.server:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/logga-in", timeout=5).read()
            return server, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def prepare(app, corpus: Corpus, count: int, reuse_index: bool) -> dict:
    """The database filled with the corpus (or kept from an earlier run in the same
    directory) and the index built from it; returns what the report says about them."""
    from flask_migrate import upgrade
    from sqlalchemy import func, select

    from share.demo.accounts import seed_demo_accounts
    from share.extensions import db
    from share.materials.models import Material
    from share.search.synonyms import seed_synonyms
    from share.search.upkeep import rebuild

    workdir, report = Path(os.environ["BENCH_DIR"]), {}
    with app.app_context():
        upgrade()
        seed_demo_accounts()
        seed_synonyms()
        db.session.commit()
        # Earlier runs' publish-to-found materials come after the generated ones.
        stored = db.session.execute(
            select(func.count()).select_from(Material).where(Material.id <= count)
        ).scalar_one()
    if stored == 0:
        say(f"[{count:,}] vocabulary: {corpus.vocabulary_size():,} word forms")
        report["corpus"] = store(app, corpus, count, Progress("generating and storing", count))
        (workdir / "corpus.json").write_text(json.dumps(report["corpus"]))
    elif stored == count:
        say(f"[{count:,}] reusing the {count:,} materials in {workdir}")
        report["corpus"] = json.loads((workdir / "corpus.json").read_text())
    else:
        raise SystemExit(f"{workdir} holds {stored} materials, not {count}")
    c = report["corpus"]
    say(
        f"[{count:,}] text per material: mean {c['text_kb_mean']:.1f} KB, p99 "
        f"{c['text_kb_p99']:.0f} KB, max {c['text_kb_max']:.0f} KB; {c['text_mb_total']:.0f} MB "
        f"in all, {c['files']:,} files"
    )
    if reuse_index and (workdir / "index").exists():
        say(f"[{count:,}] reusing the index (no build rate measured)")
    else:
        say(f"[{count:,}] building the index")
        with app.app_context():
            started = time.perf_counter()
            rebuild(progress=Progress("indexing", count))
            report["build_seconds"] = time.perf_counter() - started
    report["index"] = index_stats(app)
    say(f"[{count:,}] index: {report['index']}")
    return report


def through_server(app, query_set: list[Query], expected: dict, args) -> dict:
    """The HTTP measurements and publish-to-found, against gunicorn on the same database
    and index; `expected` holds the in-process results, to check the server sees the same."""
    count = args.run_size
    log = Path(os.environ["BENCH_DIR"]) / "gunicorn.log"
    report = {}
    worker_log = Path(os.environ["BENCH_DIR"]) / "worker.log"
    with log.open("wb") as log_file, worker_log.open("wb") as worker_file:
        # The indexer that makes what is published searchable, as production runs it.
        worker = start_worker(dict(os.environ), worker_file)
        server, base = start_server(dict(os.environ), args.workers, args.threads, log_file)
        try:
            # Had share/search changed its schema version since the build, the server would
            # be filling a new index, and every number below would be wrong.
            empty = next(q for q in query_set if not q.text and not q.filters)
            seen, wanted = Client(base).search(empty), expected[empty.label]["total"]
            report["server_same_index"] = seen["total"] == wanted and not seen.get("rebuilding")
            if not report["server_same_index"]:
                say(
                    f"[{count:,}] ! the server finds {seen['total']} materials, not {wanted} "
                    f"(rebuilding: {seen.get('rebuilding')}): did share/search change during "
                    "the run? The numbers below are not comparable."
                )
            say(
                f"[{count:,}] HTTP under gunicorn: {args.workers} workers x {args.threads} "
                f"threads, {args.clients} clients"
            )
            report["http"] = http_latency(base, query_set, args.clients, args.http_rounds)
            say(f"[{count:,}] publish to found through the server")
            report["fresh"] = {
                "http": publish_to_found(app, base, "http", args.publishes),
                "service": publish_to_found(app, base, "service", args.publishes),
                "http_load": publish_to_found(app, base, "http", args.publishes, args.clients),
            }
        finally:
            server.terminate()
            server.wait(timeout=60)
            worker.terminate()
            worker.wait(timeout=60)
    errors = [
        line
        for path in (log, worker_log)
        for line in path.read_text(errors="replace").splitlines()
        if "ERROR" in line
    ]
    report["server_errors"] = len(errors)
    if errors:
        say(f"[{count:,}] ! the server logged {len(errors)} errors (see {log}), e.g.:")
        for line in errors[:5]:
            say(f"    {line[:300]}")
    return report


def run_size(args) -> dict:
    """One corpus size, start to end; runs in a process of its own (see main)."""
    from bench.server import app  # configured from BENCH_DIR, as gunicorn serves it

    count = args.run_size
    corpus = Corpus()
    query_set = queries(corpus)
    report = {"materials": count, **prepare(app, corpus, count, args.reuse_index)}

    runs = {"app": in_process(app), "raw": raw_whoosh(app, query_set)}
    results = {q.label: runs["app"](q) for q in query_set}  # warm: caches, as a server has
    for query in query_set:
        results[query.label]["raw_total"] = runs["raw"](query)["total"]
    say(f"[{count:,}] in-process and raw Whoosh, {args.rounds} rounds")
    samples = time_interleaved(runs, query_set, args.rounds)

    served = through_server(app, query_set, results, args)
    http = served.pop("http")
    report.update(served)
    report["queries"] = [
        {
            "label": q.label,
            "text": q.text,
            "filters": q.filters,
            "sort": q.sort,
            "total": results[q.label]["total"],
            "raw_total": results[q.label]["raw_total"],
            "http_total": http["totals"].get(q.label),
            "suggestion": results[q.label]["suggestion"],
            "app_ms": ms(statistics.median(samples["app"][q.label])),
            "raw_ms": ms(statistics.median(samples["raw"][q.label])),
            "http_ms": ms(statistics.median(http["samples"][q.label])),
        }
        for q in query_set
    ]
    pooled = {name: [s for v in samples[name].values() for s in v] for name in samples}
    http_pooled = [s for v in http["samples"].values() for s in v]
    report["app"] = [ms(nearest_rank(pooled["app"], p)) for p in (50, 95)]
    report["raw"] = [ms(nearest_rank(pooled["raw"], p)) for p in (50, 95)]
    report["http"] = [ms(nearest_rank(http_pooled, p)) for p in (50, 95)]
    report["http_per_second"] = http["per_second"]
    report["fresh"] = {k: [ms(s) for s in v] for k, v in report["fresh"].items()}
    return report


# -- the parent: sizes, then one table --------------------------------------------------------


def print_queries(report: dict) -> None:
    say(f"\nQueries at {report['materials']:,} materials (medians, ms):")
    rows = [("query", "text", "hits", "Menade du", "app", "raw", "app/raw", "HTTP")]
    for q in report["queries"]:
        text = q["text"] or "(empty)"
        if q["filters"]:
            text += " + " + ",".join(f"{k}={'|'.join(v)}" for k, v in q["filters"].items())
        if q["sort"] != "relevance":
            text += f" [{q['sort']}]"
        hits = f"{q['total']:,}"
        if q["raw_total"] != q["total"] or q["http_total"] not in (None, q["total"]):
            hits += f" (raw {q['raw_total']:,}, HTTP {q['http_total']})"
        rows.append(
            (
                q["label"],
                text[:48],
                hits,
                q["suggestion"] or "",
                f"{q['app_ms']:.1f}",
                f"{q['raw_ms']:.1f}",
                f"{q['app_ms'] / max(q['raw_ms'], 0.01):.2f}x",
                f"{q['http_ms']:.1f}",
            )
        )
    print_table(rows)


def print_table(rows: list[tuple]) -> None:
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        say(
            "  ".join(
                str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)
            ).rstrip()
        )
        if n == 0:
            say("  ".join("-" * width for width in widths))


def summary(reports: list[dict], args) -> None:
    def mark(ok: bool) -> str:
        return "  ok" if ok else "  MISSED"

    rows = [("", "goal", *[f"{r['materials']:,} materials" for r in reports])]

    def row(label: str, goal: str, cell) -> None:
        rows.append((label, goal, *[cell(r) for r in reports]))

    row(
        "text per material, mean / max",
        "~8 KB, long tail",
        lambda r: f"{r['corpus']['text_kb_mean']:.1f} / {r['corpus']['text_kb_max']:,.0f} KB",
    )
    row(
        "distinct words in the index",
        "many thousands",
        lambda r: f"{r['index']['distinct_words']:,} ({r['index']['word_field']})",
    )
    row(
        "index build",
        "",
        lambda r: (
            f"{r['materials'] / r['build_seconds']:,.0f} materials/s ({r['build_seconds']:,.0f} s)"
            if "build_seconds" in r
            else "reused"
        ),
    )
    row("index on disk", "", lambda r: f"{r['index']['index_mb']:,} MB")
    row(
        "opening a searcher (median)",
        "",
        lambda r: f"{r['index']['searcher_open_ms']:.0f} ms",
    )
    row(
        "in-process p50 / p95",
        "p95 < 100 ms at 100k",
        lambda r: (
            f"{r['app'][0]:.0f} / {r['app'][1]:.0f} ms"
            + (mark(r["app"][1] < 100) if r["materials"] >= 100_000 else "")
        ),
    )
    row("raw Whoosh p50 / p95", "", lambda r: f"{r['raw'][0]:.0f} / {r['raw'][1]:.0f} ms")

    def overall(r):
        return sum(q["app_ms"] for q in r["queries"]) / sum(q["raw_ms"] for q in r["queries"])

    def worst(r):
        return max(r["queries"], key=lambda q: q["app_ms"] / max(q["raw_ms"], 0.01))

    row(
        "app / raw, all queries",
        "<= 1.5x",
        lambda r: f"{overall(r):.2f}x" + mark(overall(r) <= 1.5),
    )
    row(
        "app / raw, worst query",
        "",
        lambda r: (
            f"{worst(r)['app_ms'] / max(worst(r)['raw_ms'], 0.01):.2f}x ({worst(r)['label']}: "
            f"{worst(r)['app_ms']:.0f} vs {worst(r)['raw_ms']:.0f} ms)"
        ),
    )
    row(
        f"HTTP p50 / p95, {args.clients} clients",
        "",
        lambda r: f"{r['http'][0]:.0f} / {r['http'][1]:.0f} ms, {r['http_per_second']:.1f}/s",
    )
    for key, label in [
        ("http", "published (HTTP) → found (HTTP)"),
        ("service", "published (other process) → found"),
        ("http_load", f"published → found, {args.clients} clients busy"),
    ]:
        row(
            label + ", median / max",
            "< 1000 ms",
            lambda r, k=key: (
                f"{statistics.median(r['fresh'][k]):.0f} / {max(r['fresh'][k]):.0f} ms"
                + mark(max(r["fresh"][k]) < 1000)
            ),
        )
    row(
        "the server searched the index built",
        "yes",
        lambda r: "yes  ok" if r["server_same_index"] else "NO  MISSED",
    )
    row(
        "errors in the server's log",
        "none",
        lambda r: f"{r['server_errors']}" + mark(r["server_errors"] == 0),
    )
    say(
        f"\nSearch benchmark ({os.cpu_count()} cores; in-process/raw: {args.rounds} rounds of "
        f"{len(reports[0]['queries'])} queries, p95 by nearest rank):"
    )
    print_table(rows)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[10_000, 100_000], help="materials per run"
    )
    parser.add_argument("--rounds", type=int, default=5, help="in-process and raw rounds")
    parser.add_argument("--http-rounds", type=int, default=3, help="rounds per HTTP client")
    parser.add_argument("--clients", type=int, default=4, help="concurrent HTTP clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=2, help="gunicorn threads per worker")
    parser.add_argument("--publishes", type=int, default=5, help="publish-to-found samples")
    parser.add_argument("--workdir", type=Path, help="keep data here, and reuse it next time")
    parser.add_argument(
        "--reuse-index",
        action="store_true",
        help="with --workdir: search the index already built there",
    )
    parser.add_argument("--run-size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_size:
        args.report.write_text(json.dumps(run_size(args)))
        return

    reports = []
    scratch = Path(tempfile.mkdtemp(prefix="dela-search-bench-"))
    try:
        for count in args.sizes:
            workdir = (args.workdir or scratch) / f"n{count}"
            workdir.mkdir(parents=True, exist_ok=True)
            env = {
                **os.environ,
                "BENCH_DIR": str(workdir),
                "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(48),
            }
            report = scratch / f"report-{count}.json"
            forwarded = [
                f"--{name.replace('_', '-')}={getattr(args, name)}"
                for name in ("rounds", "http_rounds", "clients", "workers", "threads", "publishes")
            ]
            forwarded += ["--reuse-index"] if args.reuse_index else []
            command = [sys.executable, __file__, *forwarded, "--run-size", str(count)]
            if subprocess.run([*command, "--report", str(report)], env=env).returncode:
                raise SystemExit(f"the run at {count:,} materials failed (see above)")
            reports.append(json.loads(report.read_text()))
            print_queries(reports[-1])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    summary(reports, args)


if __name__ == "__main__":
    main()
