"""Uploads and downloads of 1 MB and 50 MB files through a running Dela under gunicorn, on
the local disk and on an S3 bucket: time, throughput, and the worker's peak memory, which
must not grow with the file (the file is streamed, never held).

    python bench/storage.py [--sizes 1 50] [--backends local s3] [--repeat 3]

The bucket is a throwaway MinIO, built once as the tests build it (tests/support/s3.py,
into .pytest_cache/), unless STORAGE_S3_ENDPOINT_URL and the other STORAGE_S3_* settings
in the environment name another.
"""

import argparse
import contextlib
import hashlib
import http.client
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.upload_memory import (  # noqa: E402
    EMAIL,
    PASSWORD,
    Client,
    free_port,
    kib,
    multipart_stream,
    prepare_database,
    worker_pid,
)
from tests.support.s3 import ThrowawayS3, minio_binary  # noqa: E402

CHUNK = 1024 * 1024


@contextlib.contextmanager
def s3_settings():
    """The STORAGE_S3_* settings of the environment, else of a throwaway MinIO."""
    if os.environ.get("STORAGE_S3_ENDPOINT_URL"):
        yield {name: value for name, value in os.environ.items() if name.startswith("STORAGE_S3")}
        return
    server = ThrowawayS3(minio_binary(ROOT / ".pytest_cache" / "d" / "minio"))
    try:
        server.start()
        yield server.settings
    finally:
        server.stop()


@contextlib.contextmanager
def dela(backend: str, s3: dict, max_mb: int):
    """gunicorn (one worker) serving Dela on `backend`, signed in as the demo teacher:
    (client, the worker's pid, a draft material's path)."""
    workdir = Path(tempfile.mkdtemp(prefix="dela-bench-storage-"))
    env = {
        **os.environ,
        **s3,
        "STORAGE_BACKEND": backend,
        "STORAGE_S3_PREFIX": f"bench-{secrets.token_hex(4)}",
        "BENCH_DIR": str(workdir),
        "BENCH_MAX_UPLOAD_MB": str(max_mb),
        "SECRET_KEY": secrets.token_urlsafe(48),
    }
    prepare_database(env)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}",
         "--timeout", "600", "bench.server:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        client = Client(port)
        for _ in range(100):
            try:
                client.request("GET", "/logga-in")
                break
            except ConnectionRefusedError:
                time.sleep(0.1)
        client.post_form("/logga-in", {"email": EMAIL, "password": PASSWORD}, "/logga-in")
        fields = {"kind": "material", "title": "Benchmark", "summary": "Filer",
                  "core_process_ids": "1", "licence": "cc-by-4.0", "action": "draft"}  # fmt: skip
        response, _ = client.post_form("/material/ny", fields, "/material/ny")
        yield client, worker_pid(server.pid), response.getheader("Location")
    finally:
        server.terminate()
        server.wait(timeout=30)


def upload(client: Client, material: str, megabytes: int) -> int:
    """Upload an MP4-like file of `megabytes` MB; the new attachment's id."""
    token = client.token(material)
    boundary = secrets.token_hex(16)
    size = megabytes * 1024 * 1024
    length = sum(len(part) for part in multipart_stream(boundary, token, "fil.mp4", size))
    response, _ = client.request(
        "POST", f"{material}/filer", multipart_stream(boundary, token, "fil.mp4", size),
        {"Content-Type": f"multipart/form-data; boundary={boundary}",
         "Content-Length": str(length)},
    )  # fmt: skip
    if response.status != 302:
        raise RuntimeError(f"upload answered {response.status} {response.reason}")
    _, page = client.request("GET", material)
    return max(int(found) for found in re.findall(rb"/filer/(\d+)\"", page))


def download(client: Client, material: str, attachment: int) -> tuple[int, str]:
    """GET the file, read in 1 MB chunks as a browser would: (bytes, SHA-256)."""
    connection = http.client.HTTPConnection("127.0.0.1", client.port, timeout=600)
    cookies = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    connection.request("GET", f"{material}/filer/{attachment}", headers={"Cookie": cookies})
    response = connection.getresponse()
    if response.status != 200:
        raise RuntimeError(f"download answered {response.status} {response.reason}")
    digest, size = hashlib.sha256(), 0
    while chunk := response.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    connection.close()
    return size, digest.hexdigest()


def measured(worker: int, action) -> tuple[float, float, object]:
    """Run `action`: (seconds, the worker's peak memory growth in MB, its result)."""
    Path(f"/proc/{worker}/clear_refs").write_text("5")  # the peak starts again from now
    before = kib(worker, "VmRSS")
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    return elapsed, (kib(worker, "VmHWM") - before) / 1024, result


def bench(client: Client, worker: int, material: str, megabytes: int, repeat: int):
    """Rows (size, direction, median seconds, highest peak growth) for one file size."""
    ups, downs = [], []
    for _ in range(repeat):
        ups.append(measured(worker, lambda: upload(client, material, megabytes)))
        attachment = ups[-1][2]
        downs.append(measured(worker, lambda: download(client, material, attachment)))  # noqa: B023
        if downs[-1][2][0] != megabytes * 1024 * 1024:
            raise RuntimeError("the download was not the whole file")
    return [
        (megabytes, label, statistics.median(run[0] for run in runs), max(run[1] for run in runs))
        for label, runs in (("upload", ups), ("download", downs))
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 50], help="MB")
    parser.add_argument("--backends", nargs="+", default=["local", "s3"])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (median kept)")
    args = parser.parse_args()
    rows = []
    with contextlib.ExitStack() as stack:
        s3 = stack.enter_context(s3_settings()) if "s3" in args.backends else {}
        for backend in args.backends:
            with dela(backend, s3, max(args.sizes) + 10) as (client, worker, material):
                upload(client, material, 1)  # imports, connections and caches paid for
                for megabytes in args.sizes:
                    found = bench(client, worker, material, megabytes, args.repeat)
                    rows += [(backend, *row) for row in found]
    print(f"{'backend':<8} {'size':>6} {'':<9} {'median s':>9} {'MB/s':>7} {'peak +MB':>9}")
    for backend, megabytes, label, seconds, peak in rows:
        print(
            f"{backend:<8} {megabytes:>3} MB {label:<9} {seconds:>9.3f}"
            f" {megabytes / seconds:>7.1f} {peak:>9.1f}"
        )


if __name__ == "__main__":
    main()
