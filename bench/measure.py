"""Small measuring tools shared by the benchmark's parts: timings with their
median and 95th percentile, a counter of SQL statements, a signed-in client."""

import re
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import Flask
from sqlalchemy import event

from app.demo.loader import demo_password

CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass
class Timings:
    """Wall-clock times of repeated runs of one thing, in seconds."""

    seconds: list[float] = field(default_factory=list)

    def time(self, work: Callable[[], object]) -> object:
        started = time.perf_counter()
        result = work()
        self.seconds.append(time.perf_counter() - started)
        return result

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def p95_ms(self) -> float:
        return percentile(self.seconds, 95) * 1000


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(int(round(share / 100 * len(ordered) + 0.5)) - 1, 0)
    return ordered[min(rank, len(ordered) - 1)]


class StatementCounter:
    """Counts the SQL statements an engine runs while ``counting`` is open."""

    def __init__(self, engine) -> None:
        self.count = 0
        self._on = False
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *args) -> None:
        if self._on:
            self.count += 1

    @contextmanager
    def counting(self):
        self.count, self._on = 0, True
        try:
            yield self
        finally:
            self._on = False


def signed_in_client(app: Flask, username: str = "coordinator"):
    """A test client signed in through the login form, CSRF token and all."""
    client = app.test_client()
    page = client.get("/login/").get_data(as_text=True)
    token = CSRF_FIELD.search(page)
    response = client.post(
        "/login/",
        data={
            "username": username,
            "password": demo_password(),
            "csrf_token": token.group(1) if token else "",
        },
    )
    if response.status_code != 302:
        raise RuntimeError(f"Signing in as {username} failed: {response.status_code}")
    return client


def ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def peak_mb() -> float:
    """The peak resident memory of this process, in MB. Read from Linux's
    VmHWM: getrusage's ru_maxrss survives exec and would report the parent's
    peak for a child started by subprocess."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("/proc/self/status has no VmHWM: not Linux?")
