"""The dashboard's figures as tables: what the page shows, and what the CSV
and XLSX exports hold, cell for cell."""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from app.services.metrics import (
    clients,
    durations,
    feedback,
    foresight,
    funnel,
    money,
    providers,
    targets,
)
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


def _durations(period: Period) -> FigureTable:
    return FigureTable(
        "durations",
        _l("Median days from step to step"),
        [(_l("Step"), TEXT), (_l("Completed"), COUNT), (_l("Median days"), NUMBER)],
        [
            [str(step.label), step.count, step.median_days]
            for step in durations.step_durations(period)
        ],
        chart_column=2,
    )


def _feedback(key, title, first_column, rows) -> FigureTable:
    return FigureTable(
        key,
        title,
        [
            (first_column, TEXT),
            (_l("Answers"), COUNT),
            (_l("Average of the scales 1–5"), NUMBER),
            (_l("Recommendation score"), NUMBER),
        ],
        [[r.label, r.answers, r.average, r.recommendation_score] for r in rows],
    )


def _feedback_providers(period: Period) -> FigureTable:
    title = _l("Feedback by provider")
    return _feedback(
        "feedback_providers", title, _l("Provider"), feedback.by_provider(period)
    )


def _feedback_services(period: Period) -> FigureTable:
    title = _l("Feedback by service")
    return _feedback(
        "feedback_services", title, _l("Service entity"), feedback.by_service(period)
    )


def _clients(key, title, first_column, rows) -> FigureTable:
    return FigureTable(
        key,
        title,
        [
            (first_column, TEXT),
            (_l("Companies"), COUNT),
            (_l("Contract value"), MONEY),
        ],
        [[row.label, row.companies, row.value] for row in rows],
        chart_column=1,
    )


def _clients_by_size(period: Period) -> FigureTable:
    title = _l("Clients by size class")
    return _clients(
        "clients_size", title, _l("Size class"), clients.by_size_class(period)
    )


def _clients_by_industry(period: Period) -> FigureTable:
    title = _l("Clients by industry")
    return _clients(
        "clients_industry", title, _l("Industry"), clients.by_industry(period)
    )


def _needs(key, title, first_column, rows, counted=None) -> FigureTable:
    return FigureTable(
        key,
        title,
        [(_l("Month"), TEXT), (first_column, TEXT), (counted or _l("Needs"), COUNT)],
        [[row.month, row.label, row.needs] for row in rows],
    )


def _needs_by_entity(period: Period) -> FigureTable:
    title = _l("Competence needs by service entity")
    rows = foresight.needs_by_entity(period)
    return _needs("needs_entities", title, _l("Service entity"), rows)


def _needs_by_theme(period: Period) -> FigureTable:
    title = _l("Competence needs by theme")
    return _needs("needs_themes", title, _l("Theme"), foresight.needs_by_theme(period))


def _needs_by_industry(period: Period) -> FigureTable:
    title = _l("Competence needs by industry")
    rows = foresight.needs_by_industry(period)
    return _needs("needs_industries", title, _l("Industry"), rows)


def _unmet_requests(period: Period) -> FigureTable:
    title = _l("Requests that got no offer")
    rows = foresight.requests_without_offers(period)
    return _needs("unmet_requests", title, _l("Service entity"), rows, _l("Requests"))


def _uncovered_needs(period: Period) -> FigureTable:
    title = _l("Needs no service of the menu covers")
    rows = foresight.needs_without_service(period)
    return _needs("uncovered_needs", title, _l("Industry"), rows)


# The dashboard's tables in the order shown, by the key of their export.
TABLES = {
    "targets": _targets,
    "funnel": _funnel,
    "durations": _durations,
    "offers": _coverage,
    "providers": _providers,
    "months": _months,
    "services": _services,
    "providers_money": _providers_money,
    "feedback_providers": _feedback_providers,
    "feedback_services": _feedback_services,
    "clients_size": _clients_by_size,
    "clients_industry": _clients_by_industry,
    "needs_entities": _needs_by_entity,
    "needs_themes": _needs_by_theme,
    "needs_industries": _needs_by_industry,
    "unmet_requests": _unmet_requests,
    "uncovered_needs": _uncovered_needs,
}


def dashboard_tables(period: Period) -> list[FigureTable]:
    return [build(period) for build in TABLES.values()]
