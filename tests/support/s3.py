"""A throwaway S3-compatible server for the test session: MinIO, built from its Go module.

The binary is built once with `go install` (about four minutes on two busy cores, most of
it compiling), into pytest's cache directory (`.pytest_cache/`, ignored by git) as the Nu
checker's jar is, so later sessions start it at once. It serves one bucket from a
temporary directory on a free port of 127.0.0.1 and dies with the session.
"""

import os
import secrets
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import boto3

from tests.support.servers import free_port, stop

MINIO_MODULE = "github.com/minio/minio"
#: MinIO tags its releases RELEASE.<date>, which Go does not take as versions; this is the
#: module proxy's pseudo-version of the newest commit it holds (12 February 2026).
MINIO_VERSION = "v0.0.0-20260212201848-7aac2a2c5b7c"
BUCKET = "dela-test"


class ServerMissing(Exception):
    """Go or the server cannot be had; the message says why."""


def _go() -> str | None:
    found = shutil.which("go")
    if found:
        return found
    return "/usr/local/go/bin/go" if Path("/usr/local/go/bin/go").is_file() else None


def minio_binary(cache_dir: Path) -> Path:
    """The MinIO server in `cache_dir`, built from its module the first time.

    :raise ServerMissing: when there is no `go`, or the build fails.
    """
    binary = cache_dir / f"minio-{MINIO_VERSION}"
    if binary.is_file():
        return binary
    go = _go()
    if go is None:
        raise ServerMissing("go is missing; install Debian's golang-go")
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir) as scratch:
        result = subprocess.run(
            [go, "install", "-trimpath", f"{MINIO_MODULE}@{MINIO_VERSION}"],
            env={**os.environ, "GOBIN": scratch, "CGO_ENABLED": "0"},
            capture_output=True,
            text=True,
            timeout=3600,
            check=False,
        )
        if result.returncode != 0:
            raise ServerMissing(f"go install {MINIO_MODULE} failed: {result.stderr[-2000:]}")
        (Path(scratch) / "minio").replace(binary)  # whole or not at all
    return binary


class ThrowawayS3:
    """Start with `start()`, give the apps `settings`, end with `stop()`."""

    def __init__(self, binary: Path) -> None:
        self.binary = binary
        self.root = Path(tempfile.mkdtemp(prefix="dela-s3-"))
        self.port = free_port()
        self.access_key = "dela-test"
        self.secret_key = secrets.token_hex(16)
        self._process: subprocess.Popen | None = None

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def settings(self) -> dict[str, str]:
        """The app settings that store files in this server's bucket."""
        return {
            "STORAGE_S3_BUCKET": BUCKET,
            "STORAGE_S3_ENDPOINT_URL": self.endpoint_url,
            "STORAGE_S3_REGION": "us-east-1",
            "STORAGE_S3_ACCESS_KEY_ID": self.access_key,
            "STORAGE_S3_SECRET_ACCESS_KEY": self.secret_key,
        }

    def start(self) -> None:
        env = {
            **os.environ,
            "MINIO_ROOT_USER": self.access_key,
            "MINIO_ROOT_PASSWORD": self.secret_key,
            "MINIO_BROWSER": "off",
            "MINIO_UPDATE": "off",
        }
        log = (self.root / "server.log").open("wb")
        # The console is off, but MinIO still wants a port of its own for it.
        self._process = subprocess.Popen(
            [str(self.binary), "server", "--quiet",
             "--address", f"127.0.0.1:{self.port}",
             "--console-address", f"127.0.0.1:{free_port()}",
             str(self.root / "data")],
            env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + 60
        while True:
            if self._process.poll() is not None:
                raise RuntimeError(f"minio exited: {self.log_tail()}")
            try:
                health = f"{self.endpoint_url}/minio/health/live"
                with urllib.request.urlopen(health, timeout=2):  # noqa: S310 (our http URL)
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"minio did not answer: {self.log_tail()}") from None
                time.sleep(0.2)
        self.client().create_bucket(Bucket=BUCKET)

    def client(self):
        return boto3.session.Session().client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name="us-east-1",
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
        )

    def log_tail(self) -> str:
        path = self.root / "server.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def stop(self) -> None:
        try:
            if self._process is not None:
                stop(self._process, timeout=10)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
