"""Dela's processes as production runs them, for the two-node test: gunicorn with the
repository's gunicorn.conf.py serving wsgi:app, and `flask search worker`, each a process
of its own configured by the environment alone (DELA_ENV=production)."""

import http.client
import subprocess
import sys
import time
from pathlib import Path

from tests.support.servers import stop

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_SECONDS = 90


def _started(process: subprocess.Popen, log: Path, ready, what: str) -> subprocess.Popen:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise RuntimeError(f"{what} did not start: {log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.2)
    return process


def start_node(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    """gunicorn as the README's production section starts it, on 127.0.0.1:`port`,
    started once /healthz answers."""
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**env, "DELA_BIND": f"127.0.0.1:{port}"},
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )

    def ready() -> bool:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/healthz")
            return connection.getresponse().status == 200
        except OSError:
            return False
        finally:
            connection.close()

    return _started(process, log, ready, f"gunicorn on port {port}")


def start_search_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    """The one `flask search worker`, started once it holds the indexer's lease."""
    command = [sys.executable, "-m", "flask", "--app", "share", "search", "worker"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )

    def indexing() -> bool:
        return "search worker indexing" in log.read_text(errors="replace")

    return _started(process, log, indexing, "flask search worker")
