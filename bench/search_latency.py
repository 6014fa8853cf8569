"""Search benchmark: index build rate, in-process and HTTP latency, the app's overhead over raw
Whoosh on the same index, and how soon a newly published material is found.

    python bench/search_latency.py --sizes 2000          # a quick look
    python bench/search_latency.py --sizes 10000 100000  # the goals of issue 4 (slow)

Goals (2-core machine): p95 of a faceted, highlighted search at 100k under 100 ms
in-process; the app within 1.5x of raw Whoosh; a new material searchable within 1 s.
Everything is measured in one run (these machines are noisy: compare ratios).
"""

import argparse
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = ["lek", "läsförståelse", "bråk", "elever", "skolan", "digitala verktyg", "värdegrund",
           "matematik problemlösning", "förståelse", "npf stöd"]  # fmt: skip

WORDS = [
    "lek",
    "lekar",
    "leken",
    "elev",
    "eleverna",
    "elevernas",
    "skola",
    "skolan",
    "skolor",
    "läsning",
    "läsförståelse",
    "bråk",
    "bråkräkning",
    "matematik",
    "problemlösning",
    "samtal",
    "värdegrund",
    "likabehandling",
    "digitala",
    "verktyg",
    "lärplatta",
    "förskola",
    "fritidshem",
    "bedömning",
    "återkoppling",
    "lärandemål",
    "kamratrespons",
    "högläsning",
    "språkutveckling",
    "ordförråd",
    "struktur",
    "bildstöd",
    "anpassning",
    "utmaning",
    "samarbete",
    "grupparbete",
    "naturvetenskap",
    "experiment",
    "källkritik",
    "programmering",
    "musik",
    "bild",
    "slöjd",
    "idrott",
    "rörelse",
    "utomhuspedagogik",
    "hållbarhet",
    "demokrati",
    "inflytande",
    "trygghet",
    "studiero",
    "motivation",
    "reflektion",
]
FILLER = [
    "och",
    "i",
    "att",
    "det",
    "som",
    "en",
    "på",
    "är",
    "för",
    "med",
    "till",
    "av",
    "den",
    "har",
    "de",
    "inte",
    "om",
    "ett",
    "vi",
    "när",
]


def material_text(rng: random.Random) -> tuple[str, str, str, str]:
    """Title, summary, body and attachment text; ~8 KB on average with a long tail."""
    size = int(min(rng.lognormvariate(8.6, 0.6), 120_000))
    words = [rng.choice(WORDS if rng.random() < 0.3 else FILLER) for _ in range(size // 6)]
    body = " ".join(words)
    split = int(len(body) * 0.6)
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))).capitalize()
    summary = " ".join(rng.choice(WORDS) for _ in range(15))
    return title, summary, body[:split], body[split:]


def populate(app, count: int, seed: int = 7) -> None:
    """Insert `count` published materials (with an attachment's text) straight into the
    database, deterministically."""
    from sqlalchemy import insert, select

    from share.auth.models import User
    from share.extensions import db
    from share.materials.models import Attachment, Material, material_core_process
    from share.storage.models import StoredFile
    from share.vocabularies.models import CoreProcess

    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    with app.app_context():
        author = db.session.execute(select(User)).scalars().first()
        processes = list(db.session.execute(select(CoreProcess.id)).scalars())
        start = datetime.now(UTC) - timedelta(days=365)
        for first in range(0, count, 1000):
            materials, links, files, attachments = [], [], [], []
            for n in range(first, min(first + 1000, count)):
                title, summary, body, file_text = material_text(rng)
                materials.append({
                    "id": n + 1, "kind": "method", "title": title, "summary": summary,
                    "body": body, "research_basis": "", "licence": "cc-by-4.0",
                    "status": "published", "author_id": author.id, "unit_id": author.unit_id,
                    "area_id": author.unit.area_id, "created_at": start, "updated_at": start,
                    "published_at": start + timedelta(minutes=n),
                })  # fmt: skip
                links.append({"material_id": n + 1, "core_process_id": rng.choice(processes)})
                files.append({
                    "id": n + 1, "sha256": f"{n:064x}", "size": len(file_text),
                    "file_type": "pdf", "mime_type": "application/pdf", "text": file_text,
                    "text_state": "extracted", "has_thumbnail": False, "created_at": start,
                })  # fmt: skip
                attachments.append({
                    "material_id": n + 1, "stored_file_id": n + 1, "display_name": f"{n}.pdf",
                    "download_count": 0, "added_by_id": author.id, "created_at": start,
                })  # fmt: skip
            db.session.execute(insert(Material), materials)
            db.session.execute(insert(material_core_process), links)
            db.session.execute(insert(StoredFile), files)
            db.session.execute(insert(Attachment), attachments)
            db.session.commit()


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def time_queries(run, rounds: int = 3) -> list[float]:
    samples = []
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            run(query)
            samples.append(time.perf_counter() - started)
    return samples


def raw_whoosh(app):
    """The same query, facets and highlights straight against the index: the baseline."""
    from whoosh import highlight

    from share.search.analysis import stemming_analyzer
    from share.search.index import open_index
    from share.search.services import FACETS, FORMATTER, FRAGMENTER, _facet_specs, build_query

    with app.app_context():
        ix = open_index()
        queries = {text: build_query(text) for text in QUERIES}
        facets = _facet_specs(FACETS)

    def run(text: str) -> None:
        with ix.searcher() as searcher:
            page = searcher.search_page(queries[text], 1, pagelen=10, terms=True, groupedby=facets)
            for hit in page:
                matched = {t.decode() for name, t in hit.matched_terms() if name == "text"}
                highlight.highlight(
                    hit["body_excerpt"], matched, stemming_analyzer(), FRAGMENTER, FORMATTER
                )
            for name in FACETS:
                page.results.groups(name)

    return run


def http_latency(port: int, clients: int = 4) -> list[float]:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    html = opener.open(f"{base}/logga-in").read().decode()
    token = html.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    data = urllib.parse.urlencode(
        {"csrf_token": token, "email": "larare@kommun.example", "password": "dela-demo-2026"}
    ).encode()
    opener.open(f"{base}/logga-in", data)
    samples: list[float] = []
    lock = threading.Lock()

    def client() -> None:
        for query in QUERIES * 2:
            started = time.perf_counter()
            opener.open(f"{base}/api/v1/search?q={urllib.parse.quote(query)}").read()
            with lock:
                samples.append(time.perf_counter() - started)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples


def publish_to_found(app) -> float:
    from sqlalchemy import select

    from share.auth.models import User
    from share.extensions import db
    from share.materials.models import Licence, MaterialKind
    from share.materials.services import MaterialDraft, create_material
    from share.search.index import drain
    from share.search.services import clean_request, search
    from share.vocabularies.models import CoreProcess

    marker = f"nyhet{secrets.token_hex(4)}"
    with app.app_context():
        author = db.session.execute(select(User)).scalars().first()
        process = db.session.execute(select(CoreProcess.id)).scalars().first()
        started = time.perf_counter()
        create_material(
            author,
            MaterialDraft(kind=MaterialKind.METHOD, title=marker, summary="ny",
                          licence=Licence.CC_BY, core_process_ids=[process]),
            publish=True,
        )  # fmt: skip
        db.session.commit()
        drain()
        found = search(clean_request(marker, {}, "relevance", 1, 10)).total
        elapsed = time.perf_counter() - started
    assert found == 1
    return elapsed


def run_size(count: int) -> list[tuple[str, str]]:
    from flask_migrate import upgrade

    from config import DevelopmentConfig
    from share import create_app
    from share.demo.accounts import seed_demo_accounts
    from share.extensions import db
    from share.search.index import rebuild
    from share.search.services import clean_request, search
    from share.vocabularies.seed import seed_vocabularies

    workdir = Path(tempfile.mkdtemp(prefix="dela-search-bench-"))
    os.environ.update(BENCH_DIR=str(workdir), SECRET_KEY=secrets.token_urlsafe(48))
    config = DevelopmentConfig()
    config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{workdir / 'bench.sqlite3'}"
    config.INDEX_DIR, config.UPLOAD_DIR = str(workdir / "index"), str(workdir / "uploads")
    app = create_app(config)
    with app.app_context():
        upgrade()
        seed_vocabularies()
        seed_demo_accounts()
        db.session.commit()
    populate(app, count)
    with app.app_context():
        started = time.perf_counter()
        rebuild()
        build = time.perf_counter() - started

    def in_process(text: str) -> None:
        with app.test_request_context():
            search(clean_request(text, {}, "relevance", 1, 10))

    in_process(QUERIES[0])  # open caches once, as a running server has
    app_samples = time_queries(in_process)
    raw = raw_whoosh(app)
    raw(QUERIES[0])
    raw_samples = time_queries(raw)

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--threads", "2",
         "--bind", f"127.0.0.1:{port}", "bench.server:app"],
        cwd=ROOT, env={**os.environ}, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for(port)
        http_samples = http_latency(port)
    finally:
        server.terminate()
        server.wait(timeout=30)
    fresh = publish_to_found(app)

    app_p50, app_p95 = percentiles(app_samples)
    raw_p50, raw_p95 = percentiles(raw_samples)
    http_p50, http_p95 = percentiles(http_samples)
    return [
        ("materials", f"{count}"),
        ("index build", f"{count / build:.0f} materials/s ({build:.1f} s)"),
        ("in-process p50 / p95", f"{app_p50:.1f} / {app_p95:.1f} ms (goal p95 < 100 ms at 100k)"),
        ("raw Whoosh p50 / p95", f"{raw_p50:.1f} / {raw_p95:.1f} ms"),
        ("app / raw (p95)", f"{app_p95 / raw_p95:.2f}x (goal <= 1.5x)"),
        ("HTTP p50 / p95 (4 clients)", f"{http_p50:.1f} / {http_p95:.1f} ms"),
        ("published to found", f"{fresh * 1000:.0f} ms (goal < 1000 ms)"),
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/logga-in").read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000])
    args = parser.parse_args()
    for count in args.sizes:
        rows = run_size(count)
        width = max(len(label) for label, _ in rows)
        print()
        for label, value in rows:
            print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
