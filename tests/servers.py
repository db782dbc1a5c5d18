"""Servers a test starts as a separate process (the demo's runserver, gunicorn): a free loopback
port for each."""

import socket


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
