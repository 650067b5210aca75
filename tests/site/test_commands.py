"""The README's commands, run as a user would (after set-up): serve prints its address and serves."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from handbook import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_serve_prints_address_and_serves_the_handbook() -> None:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT / "scripts"))
    server = subprocess.Popen(
        [sys.executable, "-m", "handbook", "serve", "--port", str(port)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        first_line = server.stdout.readline().strip()
        assert first_line == f"The handbook will be at http://127.0.0.1:{port}/ (press Ctrl+C to stop)"
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/procedures/", timeout=5) as response:
                    body = response.read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None, "the server stopped"
                assert time.monotonic() < deadline, "the server did not answer within two minutes"
                time.sleep(0.5)
        assert "<title>Procedures - Safeguarding Procedures Handbook</title>" in body
    finally:
        server.terminate()
        server.wait(timeout=30)
    # Stopping the command stops the server: nothing is left running, watching and rebuilding.
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
