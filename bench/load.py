"""Gunicorn with two workers under a bounded local load (locust, headless,
loopback only, stopping by itself), against our list view and the default
Flask-AppBuilder view in the same run, with the workers' peak memory."""

import csv
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import psutil

from app.demo.loader import demo_password
from bench.scheduler import free_port
from config import BASE_DIR

WORKERS = 2
BIN = Path(sys.executable).parent


@dataclass
class LoadResult:
    target: str
    path: str
    requests: int
    failures: int
    per_second: float
    median_ms: float
    p95_ms: float
    worker_peak_mb: float


@contextmanager
def gunicorn(database_url: str):
    """Gunicorn serving the bench app on a free loopback port; yields its
    address and process."""
    port = free_port()
    environment = {**os.environ, "BENCH_APP_DATABASE": database_url}
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "bench.application:wsgi_app()",
        ],
        cwd=BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(address, server)
        yield address, server
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_until_up(address: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting")
        try:
            with urllib.request.urlopen(address + "/login/", timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer within two minutes")


class PeakMemory:
    """Samples the resident memory of a process's children (the workers)
    until stopped; keeps the largest seen of any one of them."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            for child in self.process.children():
                with suppress(psutil.NoSuchProcess):
                    self.peak = max(self.peak, child.memory_info().rss)
            self._stop.wait(0.2)

    @property
    def peak_mb(self) -> float:
        return self.peak / 1024 / 1024


def run_locust(address: str, path: str, users: int, seconds: int) -> dict:
    """One headless locust run; the figures of the list page's requests."""
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "load"
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(BASE_DIR / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{seconds}s",
                "--host",
                address,
                "--csv",
                str(prefix),
                "--only-summary",
                "--stop-timeout",
                "10",
                "--loglevel",
                "WARNING",
            ],
            cwd=BASE_DIR,
            env={
                **os.environ,
                "BENCH_LIST_PATH": path,
                "BENCH_PASSWORD": demo_password(),
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
            timeout=seconds + 120,
        )
        with open(f"{prefix}_stats.csv", newline="") as stats:
            rows = {row["Name"]: row for row in csv.DictReader(stats)}
    failures = sum(int(row["Failure Count"]) for row in rows.values())
    page = rows["list"]
    return {
        "requests": int(page["Request Count"]),
        "failures": failures,
        "per_second": float(page["Requests/s"]),
        "median_ms": float(page["Median Response Time"]),
        "p95_ms": float(page["95%"]),
    }


def measure_load(database_url: str, targets: dict[str, str], users: int, seconds: int):
    """Each target (a name and a list path) under the same load, one after the
    other, on one gunicorn."""
    results = []
    with gunicorn(database_url) as (address, server):
        for target, path in targets.items():
            with PeakMemory(server.pid) as memory:
                figures = run_locust(address, path, users, seconds)
            results.append(
                LoadResult(target, path, **figures, worker_peak_mb=memory.peak_mb)
            )
    return results
