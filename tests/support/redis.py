"""A throwaway Redis server for the test session, from Debian's `redis-server`.

It listens on a free port of 127.0.0.1 only, keeps its files in a temporary directory and
nothing on disk (`--save ""`, no append-only file), and dies with the session.
"""

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import redis

from tests.support.servers import free_port, stop

START_TIMEOUT_SECONDS = 30


class RedisMissing(Exception):
    """There is no `redis-server`; the message says what to install."""


def redis_server_binary() -> str:
    """:raise RedisMissing: when Debian's redis-server is not installed."""
    found = shutil.which("redis-server")
    if found is None:
        raise RedisMissing("redis-server is missing; install Debian's redis-server")
    return found


class ThrowawayRedis:
    """Start with `start()`, give the apps `url`, end with `stop()`."""

    def __init__(self, binary: str) -> None:
        self.binary = binary
        self.root = Path(tempfile.mkdtemp(prefix="dela-redis-"))
        self.port = free_port()
        self._process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def start(self) -> None:
        log = (self.root / "server.log").open("wb")
        self._process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
             "--dir", str(self.root), "--save", "", "--appendonly", "no",
             "--daemonize", "no"],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            if self._process.poll() is not None:
                raise RuntimeError(f"redis-server exited: {self.log_tail()}")
            try:
                with self.client() as client:
                    client.ping()
                return
            except redis.exceptions.ConnectionError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not answer: {self.log_tail()}") from None
                time.sleep(0.1)

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_timeout=5)

    def log_tail(self) -> str:
        path = self.root / "server.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def stop(self) -> None:
        try:
            if self._process is not None:
                stop(self._process, timeout=10)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
