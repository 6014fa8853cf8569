"""Upload a large file to a running Dela under gunicorn and report the worker's memory growth.

The goal: a 50 MB upload grows the server process's peak memory by less than 30 MB,
which shows the file is streamed to disk rather than held in memory. Run with `make bench`.

    python bench/upload_memory.py [--mb 50]
"""

import argparse
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EMAIL, PASSWORD = "larare@kommun.example", "dela-demo-2026"
CHUNK = 1024 * 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_database(env: dict) -> None:
    """Migrate and seed the demo accounts in the benchmark's own database."""
    script = (
        "from bench.server import app\n"
        "from flask_migrate import upgrade\n"
        "from share.demo.accounts import seed_demo_accounts\n"
        "from share.extensions import db\n"
        "with app.app_context():\n"
        "    upgrade(); seed_demo_accounts(); db.session.commit()\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True)


def kib(pid: int, field: str) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.M).group(1))


def worker_pid(master: int) -> int:
    for _ in range(100):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn started no worker")


class Client:
    """Just enough of a browser: cookies and the CSRF token."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response, data

    def token(self, path: str) -> str:
        _, html = self.request("GET", path)
        return re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', html).group(1).decode()

    def post_form(self, path: str, fields: dict, token_from: str):
        body = urlencode({"csrf_token": self.token(token_from), **fields}, doseq=True)
        return self.request(
            "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"}
        )


def multipart_stream(boundary: str, token: str, name: str, size: int):
    """Yield a multipart body with one large MP4-like file, never holding it whole."""
    yield (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()
    header = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"
    yield header
    remaining = size - len(header)
    block = os.urandom(CHUNK)
    while remaining > 0:
        piece = block[: min(CHUNK, remaining)]
        remaining -= len(piece)
        yield piece
    yield f"\r\n--{boundary}--\r\n".encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50, help="size of the uploaded file")
    args = parser.parse_args()
    size = args.mb * 1024 * 1024

    workdir = Path(tempfile.mkdtemp(prefix="dela-bench-"))
    env = {
        **os.environ,
        "BENCH_DIR": str(workdir),
        "BENCH_MAX_UPLOAD_MB": str(args.mb + 10),
        "SECRET_KEY": secrets.token_urlsafe(48),
    }
    prepare_database(env)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}",
         "--timeout", "600", "bench.server:app"],
        cwd=ROOT, env=env, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        client = Client(port)
        for _ in range(100):
            try:
                client.request("GET", "/logga-in")
                break
            except ConnectionRefusedError:
                time.sleep(0.1)
        worker = worker_pid(server.pid)
        client.post_form("/logga-in", {"email": EMAIL, "password": PASSWORD}, "/logga-in")
        fields = {
            "kind": "material",
            "title": "Benchmark",
            "summary": "Stor fil",
            "core_process_ids": "1",
            "licence": "cc-by-4.0",
            "action": "draft",
        }
        response, _ = client.post_form("/material/ny", fields, "/material/ny")
        material_path = response.getheader("Location")
        # Warm the worker with a small upload so imports and caches are already paid for.
        token = client.token(material_path)
        boundary = secrets.token_hex(16)
        small = b"".join(multipart_stream(boundary, token, "warm.mp4", 64 * 1024))
        client.request("POST", f"{material_path}/filer", small,
                       {"Content-Type": f"multipart/form-data; boundary={boundary}"})  # fmt: skip

        # Reset the worker's peak (VmHWM) to its current size, so the peak after the upload
        # is what the upload itself needed.
        Path(f"/proc/{worker}/clear_refs").write_text("5")
        before_rss = kib(worker, "VmRSS")
        token = client.token(material_path)
        boundary = secrets.token_hex(16)
        body_length = sum(len(p) for p in multipart_stream(boundary, token, "big.mp4", size))
        started = time.perf_counter()
        response, _ = client.request(
            "POST",
            f"{material_path}/filer",
            multipart_stream(boundary, token, "big.mp4", size),
            {
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Content-Length": str(body_length),
            },
        )
        elapsed = time.perf_counter() - started
        after_peak = kib(worker, "VmHWM")
        stored = sum(p.stat().st_size for p in (workdir / "uploads").rglob("*") if p.is_file())
    finally:
        server.terminate()
        server.wait(timeout=30)

    growth_mb = (after_peak - before_rss) / 1024
    rows = [
        ("uploaded file", f"{args.mb} MB"),
        ("response", f"{response.status} {response.reason}"),
        ("bytes stored under uploads/", f"{stored / 1024 / 1024:.1f} MB"),
        ("worker RSS before", f"{before_rss / 1024:.1f} MB"),
        ("worker peak growth", f"{growth_mb:.1f} MB (goal < 30 MB)"),
        ("time", f"{elapsed:.2f} s"),
        ("throughput", f"{args.mb / elapsed:.1f} MB/s"),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    if response.status >= 400 or growth_mb >= 30:
        sys.exit(1)


if __name__ == "__main__":
    main()
