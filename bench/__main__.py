"""`make bench`: generate the city-sized data set on SQLite, and on PostgreSQL
when ``BENCH_DATABASE_URL`` names a database, measure everything on each, and
print one table (also written to ``bench/results.md``).

Settings, from the environment:

- ``BENCH_SCALE``: the share of the full city (1); 0.05 for a quick run.
- ``BENCH_DATABASE_URL``: a PostgreSQL database to recreate and measure, e.g.
  ``postgresql://operator:operator@localhost/operator_bench``; its name must
  hold "bench". Unset: SQLite only.
- ``BENCH_REPEAT``: fetches of each page (20); ``BENCH_LOAD_SECONDS`` (20) and
  ``BENCH_LOAD_USERS`` (8): the load test; ``BENCH_REUSE=1`` keeps a database
  that already holds the data set instead of generating it again.
"""

import logging
import os
import platform
import time
from datetime import datetime
from pathlib import Path

import psutil

from app.extensions import db
from bench.application import build_bench_app
from bench.dashboard import measure_dashboard
from bench.database import beside, postgresql_url, prepare, sqlite_url
from bench.dataset import Sizes
from bench.export_memory import measure_export
from bench.load import measure_load
from bench.pages import measure_pages
from bench.report import DatabaseRun, render
from bench.scheduler import measure_tick

logger = logging.getLogger("bench")

RESULTS = Path(__file__).resolve().parent / "results.md"
FULL_DUE_REMINDERS = 10_000
LOAD_TARGETS = {"ours": "/leadview/list/", "default": "/defaultleadview/list/"}


def _number(name: str, default: float) -> float:
    return float(os.environ.get(name) or default)


def run_database(label: str, url: str, sizes: Sizes, scale: float) -> DatabaseRun:
    started = time.perf_counter()
    reuse = os.environ.get("BENCH_REUSE") == "1"
    database = prepare(label, url, sizes, reuse=reuse)
    demo = prepare(f"{label} (demo data)", beside(url, "demo"), None)

    app = build_bench_app(url)
    pages = measure_pages(app, int(_number("BENCH_REPEAT", 20)))
    dashboard = measure_dashboard(app, max(int(_number("BENCH_REPEAT", 20)) // 4, 3))
    with app.app_context():
        db.engine.dispose()
    logger.info("%s: pages and dashboard measured", label)

    load = measure_load(
        url,
        LOAD_TARGETS,
        users=int(_number("BENCH_LOAD_USERS", 8)),
        seconds=int(_number("BENCH_LOAD_SECONDS", 20)),
    )
    logger.info("%s: load measured", label)
    tick = measure_tick(url, max(int(FULL_DUE_REMINDERS * scale), 100))
    logger.info("%s: tick measured", label)
    export, small_export = measure_export(url), measure_export(demo.url)
    run = DatabaseRun(database, pages, dashboard, tick, load, export, small_export)
    run.seconds = time.perf_counter() - started
    logger.info("%s: done in %.0f s", label, run.seconds)
    return run


def _made(database) -> str:
    if database.reused:
        return "data set reused from an earlier run"
    return f"generated in {database.seconds:.0f} s"


def _header(runs: list[DatabaseRun], sizes: Sizes, scale: float) -> list[str]:
    generated = "; ".join(
        f"{run.database.label} {_made(run.database)}, everything in {run.seconds:.0f} s"
        for run in runs
    )
    return [
        f"Measured {datetime.now():%Y-%m-%d %H:%M} at scale {scale:g}: "
        f"{sizes.companies:,} client companies, {sizes.leads:,} leads, "
        f"{sizes.requests:,} requests, {sizes.offers:,} offers, "
        f"{sizes.answers:,} feedback answers, {sizes.audit_rows:,} audit rows.",
        f"Machine: {psutil.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GB, Python "
        f"{platform.python_version()}; {generated}.",
        "Times in milliseconds, median (95th percentile), through Flask's test "
        "client signed in as the coordinator unless said otherwise.",
    ]


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    scale = _number("BENCH_SCALE", 1.0)
    sizes = Sizes.at_scale(scale)
    databases = [("SQLite", sqlite_url())]
    if os.environ.get("BENCH_DATABASE_URL"):
        postgresql = postgresql_url(os.environ["BENCH_DATABASE_URL"])
        databases.append(("PostgreSQL", postgresql))
    runs = [run_database(label, url, sizes, scale) for label, url in databases]
    table = render(runs, _header(runs, sizes, scale))
    RESULTS.write_text(table, encoding="utf-8")
    print()
    print(table)


if __name__ == "__main__":
    main()
