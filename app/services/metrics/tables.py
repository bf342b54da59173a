"""The dashboard's figures as tables: what the page shows, and what the CSV
and XLSX exports hold, cell for cell."""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from app.services.metrics import funnel, money, providers, targets
from app.services.metrics.period import Period

# How a column's cells are written: plain text, a count, euros, a share
# (0.5 is 50 %), or a number with decimals.
TEXT, COUNT, MONEY, SHARE, NUMBER = "text", "count", "money", "share", "number"


@dataclass
class FigureTable:
    key: str
    title: object
    columns: list[tuple[object, str]]
    rows: list[list] = field(default_factory=list)
    # The column drawn as bars, if any.
    chart_column: int | None = None


def _funnel(period: Period) -> FigureTable:
    table = FigureTable(
        "funnel",
        _l("From leads to closed services"),
        [(_l("Step"), TEXT), (_l("Count"), COUNT), (_l("Conversion"), SHARE)],
        chart_column=1,
    )
    for step in funnel.funnel(period):
        table.rows.append([str(step.label), step.count, step.conversion])
    return table


def _targets(period: Period) -> FigureTable:
    table = FigureTable(
        "targets",
        _l("Result metrics and their targets"),
        [
            (_l("Metric"), TEXT),
            (_l("Value"), NUMBER),
            (_l("Target"), NUMBER),
            (_l("Of the target"), SHARE),
        ],
    )
    for row in targets.metric_rows(period):
        table.rows.append([str(row.metric), row.value, row.target, row.achieved])
    return table


def _providers(period: Period) -> FigureTable:
    table = FigureTable(
        "providers",
        _l("The provider pool"),
        [
            (_l("Provider"), TEXT),
            (_l("Requests received"), COUNT),
            (_l("Answered"), COUNT),
            (_l("Response rate"), SHARE),
            (_l("Offers"), COUNT),
            (_l("Wins"), COUNT),
            (_l("Share of wins"), SHARE),
            (_l("Contract value"), MONEY),
        ],
        chart_column=6,
    )
    for item in providers.provider_figures(period):
        table.rows.append(
            [
                item.provider,
                item.received,
                item.answered,
                item.response_rate,
                item.offers,
                item.wins,
                item.win_share,
                item.won_value,
            ]
        )
    return table


def _coverage(period: Period) -> FigureTable:
    coverage = providers.offer_coverage(period)
    return FigureTable(
        "offers",
        _l("Offers per request"),
        [
            (_l("Requests published"), COUNT),
            (_l("Offers"), COUNT),
            (_l("Offers per request"), NUMBER),
            (_l("Requests without offers"), COUNT),
        ],
        [
            [
                coverage.requests,
                coverage.offers,
                coverage.per_request,
                coverage.without_offers,
            ]
        ],
    )


def _money(key: str, title, first_column, rows) -> FigureTable:
    return FigureTable(
        key,
        title,
        [
            (first_column, TEXT),
            (_l("Contracts"), COUNT),
            (_l("Contract value"), MONEY),
            (_l("Commission"), MONEY),
        ],
        [[row.label, row.contracts, row.value, row.commission] for row in rows],
        chart_column=2,
    )


def _months(period: Period) -> FigureTable:
    title = _l("Value and commission by month")
    return _money("months", title, _l("Month"), money.by_month(period))


def _services(period: Period) -> FigureTable:
    title = _l("Value and commission by service")
    return _money("services", title, _l("Service entity"), money.by_service(period))


def _providers_money(period: Period) -> FigureTable:
    title = _l("Value and commission by provider")
    return _money("providers_money", title, _l("Provider"), money.by_provider(period))


# The dashboard's tables in the order shown, by the key of their export.
TABLES = {
    "targets": _targets,
    "funnel": _funnel,
    "offers": _coverage,
    "providers": _providers,
    "months": _months,
    "services": _services,
    "providers_money": _providers_money,
}


def dashboard_tables(period: Period) -> list[FigureTable]:
    return [build(period) for build in TABLES.values()]
