"""The results dashboard for a whole year over the whole data set, against its
raw aggregate SQL: the same statements the page runs, sent straight to the
database driver, which is the floor the page stands on."""

from dataclasses import dataclass
from datetime import date

from flask import Flask
from sqlalchemy import event

from app.extensions import db
from app.services.clock import local_now
from bench.measure import Timings, signed_in_client


@dataclass
class DashboardResult:
    period: str
    page: Timings
    raw: Timings
    queries: int
    aggregate_queries: int


def dashboard_year() -> tuple[date, date]:
    """The last whole calendar year: every month of it holds data."""
    year = local_now().year - 1
    return date(year, 1, 1), date(year, 12, 31)


def measure_dashboard(app: Flask, repeats: int) -> DashboardResult:
    start, end = dashboard_year()
    url = f"/results/?start={start.isoformat()}&end={end.isoformat()}"
    with app.app_context():
        engine = db.engine
    client = signed_in_client(app)
    statements = _statements_of(engine, lambda: _get(client, url))
    aggregates = [(sql, params) for sql, params in statements if _is_aggregate(sql)]

    page, raw = Timings(), Timings()
    for _ in range(repeats):
        page.time(lambda: _get(client, url))
        raw.time(lambda: _replay(engine, aggregates))
    return DashboardResult(
        f"{start:%d.%m.%Y}–{end:%d.%m.%Y}", page, raw, len(statements), len(aggregates)
    )


def _statements_of(engine, work) -> list[tuple[str, object]]:
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def _is_aggregate(statement: str) -> bool:
    """The figures' queries, not the sign-in's look-ups of the user."""
    head = statement.lstrip().lower()
    return (
        head.startswith(("select", "with"))
        and "ab_user" not in head.split("from", 1)[-1][:40]
    )


def _replay(engine, statements) -> None:
    with engine.connect() as connection:
        for statement, parameters in statements:
            connection.exec_driver_sql(statement, parameters).fetchall()


def _get(client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
