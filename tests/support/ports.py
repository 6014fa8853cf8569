"""Ports for the servers the tests start."""

import socket


def free_port() -> int:
    """A loopback port nothing listens on now (the system picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
