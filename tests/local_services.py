"""Helpers for tests that start real servers on this machine: a free port,
waiting until a started process listens, and where redis-server is."""

import os
import shutil
import socket
import subprocess
import time

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(
    port: int, process: subprocess.Popen, seconds: float = 60
) -> None:
    """Return once something accepts connections on the port; fail early if
    the process that should listen there has exited."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process on port {port} exited: {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port}")


def redis_server_program() -> str:
    """The redis-server program; the test is skipped without it, unless
    REQUIRE_REDIS is set (as in CI), in which case it fails."""
    server = shutil.which("redis-server")
    if server is None:
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail("redis-server is missing but REQUIRE_REDIS is set")
        pytest.skip("redis-server is not installed")
    return server
