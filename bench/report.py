"""The benchmark's one table: a row per figure, a column per database, the
target and whether every database met it."""

from collections.abc import Callable
from dataclasses import dataclass, field

from bench.dashboard import DashboardResult
from bench.database import BenchDatabase
from bench.export_memory import ExportResult
from bench.load import LoadResult
from bench.pages import PAGE_SIZES, PageResult
from bench.scheduler import TickResult

# How the compared lists are named in the table.
LIST_NAMES = {
    "LeadView": "Leads",
    "OfferView": "Offers",
    "RequestForQuotationView": "Requests for quotation",
    "AuditEventView": "Audit log",
}
# Our list page's median at most this share of the default view's.
LIST_SHARE_TARGET = 0.6
MAX_QUERIES = 15
# An export streams when it needs about as much memory for millions of rows
# as for the demo's few hundred: within this many megabytes.
STREAMING_MARGIN_MB = 32


@dataclass
class DatabaseRun:
    """Everything measured on one database."""

    database: BenchDatabase
    pages: list[PageResult]
    dashboard: DashboardResult
    tick: TickResult
    load: list[LoadResult]
    export: ExportResult
    small_export: ExportResult
    seconds: float = 0.0


@dataclass
class Row:
    figure: str
    cells: list[str]
    target: str = ""
    met: list[bool] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        if not self.met:
            return ""
        return "met" if all(self.met) else "**not met**"


def _ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def _timing(figures) -> str:
    return f"{_ms(figures.median_ms)} ({_ms(figures.p95_ms)})"


def build_rows(runs: list[DatabaseRun]) -> list[Row]:
    rows: list[Row] = []

    def add(figure, cell: Callable, target="", check: Callable | None = None):
        met = [check(run) for run in runs] if check else []
        rows.append(Row(figure, [cell(run) for run in runs], target, met))

    for view, name in LIST_NAMES.items():
        _list_rows(add, view, name)
    _dashboard_rows(add)
    _tick_rows(add)
    _load_rows(add)
    _memory_rows(add)
    return rows


def _page(run: DatabaseRun, view: str, size: int) -> PageResult:
    return next(p for p in run.pages if p.view == view and p.rows == size)


def _list_rows(add, view: str, name: str) -> None:
    for size in PAGE_SIZES:
        add(
            f"{name}, {size} rows: median (p95) ms, ours / FAB default / raw SQL",
            lambda run, size=size: " / ".join(
                _timing(getattr(_page(run, view, size), part))
                for part in ("ours", "default", "raw")
            ),
        )
        add(
            f"{name}, {size} rows: our median ÷ FAB default's (÷ raw SQL's)",
            lambda run, size=size: _shares(_page(run, view, size)),
            f"≤ {LIST_SHARE_TARGET}",
            lambda run, size=size: _share(_page(run, view, size)) <= LIST_SHARE_TARGET,
        )
    add(
        f"{name}: queries per page at 25 / 100 rows, ours (FAB default; raw SQL)",
        lambda run: _queries(run, view),
        f"same at both, ≤ {MAX_QUERIES}",
        lambda run: _queries_ok(run, view),
    )


def _share(page: PageResult) -> float:
    return page.ours.median_ms / page.default.median_ms


def _shares(page: PageResult) -> str:
    raw = page.ours.median_ms / page.raw.median_ms
    times = f"{raw:,.0f}" if raw >= 10 else f"{raw:.1f}"
    return f"{_share(page):.2f} ({times}×)"


def _queries(run: DatabaseRun, view: str) -> str:
    pages = [_page(run, view, size) for size in PAGE_SIZES]
    ours = " / ".join(str(p.ours.queries) for p in pages)
    default = " / ".join(str(p.default.queries) for p in pages)
    raw = " / ".join(str(p.raw.queries) for p in pages)
    return f"{ours} ({default}; {raw})"


def _queries_ok(run: DatabaseRun, view: str) -> bool:
    counts = {_page(run, view, size).ours.queries for size in PAGE_SIZES}
    return len(counts) == 1 and max(counts) <= MAX_QUERIES


def _dashboard_rows(add) -> None:
    add(
        "Dashboard for a year: median (p95) ms, page / its aggregate SQL alone",
        lambda run: f"{_timing(run.dashboard.page)} / {_timing(run.dashboard.raw)}",
    )
    add(
        "Dashboard: page ÷ SQL; queries (aggregates)",
        lambda run: (
            f"{run.dashboard.page.median_ms / run.dashboard.raw.median_ms:.2f}; "
            f"{run.dashboard.queries} ({run.dashboard.aggregate_queries})"
        ),
    )


def _tick_rows(add) -> None:
    add(
        "Reminder tick: leads due; reminders queued in s (per s)",
        lambda run: (
            f"{run.tick.due:,}; {run.tick.queued:,} in {run.tick.queue_seconds:.1f} "
            f"({run.tick.queued / run.tick.queue_seconds:,.0f})"
        ),
    )
    add(
        "Reminder tick: whole tick, s (queue and send one tick's batch)",
        lambda run: f"{run.tick.tick_seconds:.1f}",
    )
    add(
        "Delivery to local SMTP, messages/s: outbox / plain smtplib, one connection",
        lambda run: (
            f"{run.tick.sent_per_second:,.0f} / {run.tick.plain_per_second:,.0f} "
            f"({run.tick.sent:,} messages)"
        ),
    )


def _load(run: DatabaseRun, target: str) -> LoadResult:
    return next(result for result in run.load if result.target == target)


def _load_rows(add) -> None:
    for target, name in (("ours", "our leads list"), ("default", "FAB default")):
        add(
            f"Gunicorn, 2 workers, {name}: req/s, median / p95 ms, errors",
            lambda run, target=target: _load_cell(_load(run, target)),
            "no errors",
            lambda run, target=target: _load(run, target).failures == 0,
        )


def _load_cell(result: LoadResult) -> str:
    return (
        f"{result.per_second:.1f}, {_ms(result.median_ms)} / {_ms(result.p95_ms)}, "
        f"{result.failures} of {result.requests:,}"
    )


def _memory_rows(add) -> None:
    add(
        "Peak memory, MB: web worker under load / scheduler tick",
        lambda run: (
            f"{max(r.worker_peak_mb for r in run.load):.0f} / {run.tick.peak_mb:.0f}"
        ),
    )
    add(
        "Export (backup) of every row: rows, s; peak MB (app alone; demo data)",
        lambda run: (
            f"{run.export.rows:,}, {run.export.seconds:.0f} s; "
            f"{run.export.peak_mb:.0f} ({run.export.app_mb:.0f}; "
            f"{run.small_export.peak_mb:.0f})"
        ),
        f"constant: within {STREAMING_MARGIN_MB} MB of the demo's",
        lambda run: (
            run.export.peak_mb - run.small_export.peak_mb <= STREAMING_MARGIN_MB
        ),
    )


def render(runs: list[DatabaseRun], header: list[str]) -> str:
    """The table in Markdown, under a few lines saying what was measured."""
    rows = build_rows(runs)
    labels = [run.database.label for run in runs]
    lines = [*header, ""]
    lines.append("| figure | " + " | ".join(labels) + " | target | |")
    lines.append("|---" * (len(labels) + 3) + "|")
    for row in rows:
        cells = [row.figure, *row.cells, row.target, row.verdict]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
