"""The app as the benchmarks serve it: development settings in a throwaway directory, and
the search indexer beside it."""

import gc
import os
import subprocess
import sys
import time
from pathlib import Path

from config import DevelopmentConfig
from share import create_app


def bench_app(workdir: Path, secret_key: str, database_url: str | None = None):
    """The app with its data in `workdir`: SQLite there unless `database_url` names another
    database (PostgreSQL)."""
    config = DevelopmentConfig()
    config.SECRET_KEY = secret_key
    config.SQLALCHEMY_DATABASE_URI = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    config.UPLOAD_DIR = str(workdir / "uploads")
    config.INDEX_DIR = str(workdir / "index")
    config.MAX_UPLOAD_MB = int(os.environ.get("BENCH_MAX_UPLOAD_MB", "60"))
    config.RATELIMIT_ENABLED = False
    made = create_app(config)
    gc.freeze()  # as wsgi.py does once the app is loaded
    return made


def start_worker(env: dict, log) -> subprocess.Popen:
    """`flask search worker` on the app gunicorn serves (bench/server.py), started when
    its log (the file `log`) says it holds the indexer's lease."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "bench.server:app", "search", "worker"],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    for _ in range(600):
        if "search worker indexing" in Path(log.name).read_text(errors="replace"):
            return worker
        if worker.poll() is not None:
            break
        time.sleep(0.1)
    worker.kill()
    raise RuntimeError("the search worker did not start")


# What gunicorn serves (and bench/search_latency.py searches): configured from the
# environment its parent set.
app = (
    bench_app(
        Path(os.environ["BENCH_DIR"]),
        os.environ["SECRET_KEY"],
        os.environ.get("BENCH_DATABASE_URL"),
    )
    if "BENCH_DIR" in os.environ
    else None
)
