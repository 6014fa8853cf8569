"""The README's production command: gunicorn with the repository's gunicorn.conf.py."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.apps import GOOD_SECRET
from tests.support.servers import free_port

ROOT = Path(__file__).resolve().parents[2]


def _wait_for(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited: {server.communicate()[0]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("gunicorn did not start listening")


@pytest.fixture
def gunicorn(tmp_path):
    """gunicorn started as the README says, with one worker of two threads: (its port, its
    process, whose output the test reads once it has stopped it)."""
    port = free_port()
    environment = {
        **os.environ,
        "DELA_ENV": "production",
        "SECRET_KEY": GOOD_SECRET,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'dela.sqlite3'}",
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "INDEX_DIR": str(tmp_path / "index"),
        "DELA_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "DELA_THREADS": "2",
    }
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for(port, server)
        yield port, server
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=60)


def test_gunicorn_serves_with_the_config_and_keeps_an_idle_connection(gunicorn):
    port, server = gunicorn
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/healthz")
    first = connection.getresponse()
    assert (first.status, first.read()) == (200, b"ok\n")
    # Longer than gunicorn's default keep-alive (2 s): a proxy reusing the connection now
    # must find it open.
    time.sleep(3)
    connection.request("GET", "/healthz")
    second = connection.getresponse()
    assert (second.status, second.read()) == (200, b"ok\n")
    connection.close()
    server.terminate()
    output, _ = server.communicate(timeout=60)
    assert "Using worker: gthread" in output
    assert output.count('"GET /healthz HTTP/1.1" 200') == 2, output
