"""The steering group's figures against hand-worked numbers on the small
world of tests/metrics_world.py, and an empty period where every rate has
nothing to divide by."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app.services.metrics import (
    clients,
    durations,
    exports,
    feedback,
    foresight,
    funnel,
    money,
    providers,
    tables,
    targets,
)
from app.services.metrics.period import Period
from tests import metrics_world
from tests.conftest import build_app, migrate_and_bootstrap
from tests.databases import drop_database, fresh_database

JANUARY = Period(date(2027, 1, 1), date(2027, 1, 31))
EMPTY = Period(date(2030, 1, 1), date(2030, 12, 31))


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    url = fresh_database(tmp_path_factory.mktemp("metrics"), "metrics")
    app = build_app(url)
    migrate_and_bootstrap(app)
    with app.app_context():
        metrics_world.build()
    with app.app_context():
        yield app
    drop_database(url)


def test_the_funnel_counts_each_step_and_converts(world):
    steps = {step.key: step for step in funnel.funnel(JANUARY)}

    assert [(key, steps[key].count) for key in steps] == [
        ("leads", 3),
        ("needs", 2),
        ("requests", 2),
        ("offers", 2),  # Alfa's revision counts once
        ("contracts", 1),
        ("deliveries", 2),  # R1 and the December contract R3, both started now
        ("closed", 0),
    ]
    assert steps["leads"].conversion is None
    assert steps["needs"].conversion == Decimal("0.67")
    assert steps["contracts"].conversion == Decimal("0.50")
    assert steps["closed"].conversion == Decimal("0.00")


def test_an_empty_period_has_zeros_and_no_rates(world):
    steps = funnel.funnel(EMPTY)

    assert [step.count for step in steps] == [0] * 7
    assert [step.conversion for step in steps] == [None] * 7
    assert providers.provider_figures(EMPTY) == []
    coverage = providers.offer_coverage(EMPTY)
    assert (coverage.requests, coverage.offers, coverage.per_request) == (0, 0, None)
    assert money.by_month(EMPTY) == []


def test_each_providers_answers_and_wins(world):
    alfa, beta = providers.provider_figures(JANUARY)

    assert (alfa.provider, alfa.received, alfa.answered, alfa.offers) == (
        "Alfa",
        2,
        1,
        1,
    )
    assert alfa.response_rate == Decimal("0.50")
    assert (alfa.wins, alfa.won_value, alfa.win_share) == (
        1,
        Decimal("10000"),
        Decimal("1.00"),
    )
    assert (beta.received, beta.answered, beta.offers, beta.wins) == (2, 2, 1, 0)
    assert beta.response_rate == Decimal("1.00")
    assert beta.win_share == Decimal("0.00")


def test_offers_per_request_and_requests_left_without(world):
    coverage = providers.offer_coverage(JANUARY)

    assert (coverage.requests, coverage.offers, coverage.without_offers) == (2, 2, 1)
    assert coverage.per_request == Decimal("1.00")


def test_value_and_commission_by_month_service_and_provider(world):
    december_to_january = Period(date(2026, 12, 1), date(2027, 1, 31))

    months = money.by_month(december_to_january)
    by_provider = money.by_provider(december_to_january)
    by_service = money.by_service(JANUARY)

    assert [(m.label, m.contracts, m.value, m.commission) for m in months] == [
        ("2026-12", 1, Decimal("4000"), Decimal("200")),
        ("2027-01", 1, Decimal("10000"), Decimal("500")),
    ]
    assert [(p.label, p.contracts, p.value) for p in by_provider] == [
        ("Alfa", 2, Decimal("14000"))
    ]
    assert [(s.label, s.value, s.commission) for s in by_service] == [
        ("Kunnossapito", Decimal("10000"), Decimal("500"))
    ]


def test_every_metric_stands_beside_its_target(world):
    rows = {row.metric.name: row for row in targets.metric_rows(JANUARY)}

    assert (rows["leads"].value, rows["leads"].target) == (3, Decimal("5"))
    assert rows["leads"].achieved == Decimal("0.60"), "the 2027 target overlaps most"
    assert rows["contract_value"].achieved == Decimal("0.50")
    assert rows["returning_clients"].value == 1
    assert rows["offers_per_request"].value == Decimal("1.00")
    assert rows["recommendation"].value == 20, "two promoters, one detractor of 5"
    assert rows["closed_services"].target is None
    assert rows["closed_services"].achieved is None
    empty = {row.metric.name: row for row in targets.metric_rows(EMPTY)}
    assert empty["returning_clients"].value == 0
    assert empty["offers_per_request"].value is None


def test_the_exports_hold_the_tables_cell_for_cell(world):
    table = tables.TABLES["providers"](JANUARY)

    text = exports.as_csv(table).decode("utf-8")
    book = load_workbook(io.BytesIO(exports.as_xlsx(table)))

    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[1] == "Alfa;2;1;0,50;1;1;1,00;10000,00"
    assert lines[2] == "Beta;2;2;1,00;1;0;0,00;0,00"
    sheet = book.active
    assert [cell.value for cell in sheet[2]] == ["Alfa", 2, 1, 0.5, 1, 1, 1.0, 10000]
    assert sheet["D2"].number_format == "0 %"
    assert sheet.max_row == 3


def test_median_days_from_step_to_step(world):
    steps = [(s.count, s.median_days) for s in durations.step_durations(JANUARY)]

    assert steps == [
        (2, Decimal("3.0")),  # leads to needs: 1 and 5 days
        (2, Decimal("3.5")),  # needs to requests: 1 and 6 days
        (1, Decimal("15.0")),  # R1 published 5.1., signed 20.1.
        (2, Decimal("8.0")),  # contract to start: 5 and 11 days
        (0, None),  # nothing closed
    ]


def test_feedback_by_provider_and_service_with_the_three_answer_rule(world):
    (alfa,) = feedback.by_provider(JANUARY)
    kunnossapito, logistiikka = feedback.by_service(JANUARY)

    # Alfa: scales 5, 4, 3, 2, 2 average 3.2; recommendations 10, 9, 5, 8, 8
    # give two promoters and one detractor of five: 20.
    assert (alfa.label, alfa.answers, alfa.average) == ("Alfa", 5, Decimal("3.2"))
    assert alfa.recommendation_score == 20
    assert (kunnossapito.answers, kunnossapito.average) == (3, Decimal("4.0"))
    assert kunnossapito.recommendation_score == 33
    assert (logistiikka.answers, logistiikka.average) == (2, None)
    assert logistiikka.recommendation_score is None, "fewer than three answers"


def test_clients_by_size_class_and_industry(world):
    (size,) = clients.by_size_class(JANUARY)
    (industry,) = clients.by_industry(JANUARY)

    assert (size.label, size.companies, size.value) == (
        "Pieni yritys (10–49 henkilöä)",
        1,
        Decimal("10000"),
    )
    assert (industry.label, industry.companies) == ("Metalliteollisuus", 1)
    assert clients.by_size_class(EMPTY) == []


def test_foresight_counts_needs_by_service_theme_and_industry(world):
    def rows(found):
        return [(row.month, row.label, row.needs) for row in found]

    assert rows(foresight.needs_by_entity(JANUARY)) == [("2027-01", "Kunnossapito", 1)]
    assert rows(foresight.needs_by_theme(JANUARY)) == [("2027-01", "Teollisuus", 1)]
    assert rows(foresight.needs_by_industry(JANUARY)) == [
        ("2027-01", "Metalliteollisuus", 2)
    ]
    assert foresight.needs_by_entity(EMPTY) == []


def test_unmet_needs_are_counted_requests_without_offers_and_needs_off_the_menu(
    world,
):
    def rows(found):
        return [(row.month, row.label, row.needs) for row in found]

    after = foresight.requests_without_offers(JANUARY, now=datetime(2027, 2, 1))
    before_deadline = foresight.requests_without_offers(
        JANUARY, now=datetime(2027, 1, 11)
    )
    uncovered = foresight.needs_without_service(JANUARY)

    assert rows(after) == [("2027-01", "Kunnossapito", 1)], "R2"
    assert before_deadline == [], "R2's deadline (12.1.) had not passed"
    assert rows(uncovered) == [("2027-01", "Metalliteollisuus", 1)]
