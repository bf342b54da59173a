"""The results page and its downloads through the app's routes: for the
steering group and the coordinator only, a bad period refused with a message,
and no personal data of contacts or participants anywhere on it."""

import io

import pytest
from openpyxl import load_workbook

from app.extensions import db
from app.models import ContactPerson, Participant, RequestForQuotation
from app.services.metrics.tables import TABLES
from tests.conftest import visible_text

YEAR = "?start=2026-01-01&end=2026-12-31"


@pytest.mark.parametrize("username", ["steering", "coordinator"])
def test_the_results_page_shows_every_table(client_as, username):
    page = client_as(username).get(f"/results/{YEAR}")

    assert page.status_code == 200
    text = visible_text(page.get_data(as_text=True))
    for title in (
        "Tulostavoitteet",
        "Liideistä suljettuihin palveluihin",
        "Tarjouksia tarjouspyyntöä kohden",
        "Koulutustoimijoiden joukko",
        "Arvo ja provisio kuukausittain",
        "Mediaanipäivät vaiheesta toiseen",
        "Palaute koulutustoimijoittain",
        "Asiakkaat kokoluokittain",
        "Osaamistarpeet palvelukokonaisuuksittain",
        "Tarjouspyynnöt, joihin ei tullut tarjouksia",
    ):
        assert title in text
    assert "<svg" in page.get_data(as_text=True), "bars drawn on the server"


@pytest.mark.parametrize("username", ["provider1", "client1"])
def test_providers_and_clients_do_not_see_the_results(client_as, username):
    client = client_as(username)

    assert client.get(f"/results/{YEAR}").status_code == 403
    assert client.get(f"/results/funnel.csv{YEAR}").status_code == 403


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?start=2026-12-31&end=2026-01-01", "päättyy ennen kuin alkaa"),
        ("?start=31.12.2026&end=2026-01-01", "kahtena päivämääränä"),
    ],
)
def test_a_bad_period_is_refused_with_a_message(client_as, query, message):
    page = client_as("steering").get(f"/results/{query}")

    assert page.status_code == 422
    assert message in visible_text(page.get_data(as_text=True))


def test_downloads_hold_the_pages_tables(client_as):
    steering = client_as("steering")

    csv = steering.get(f"/results/funnel.csv{YEAR}")
    xlsx = steering.get(f"/results/funnel.xlsx{YEAR}")

    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    lines = csv.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0] == "Vaihe;Määrä;Muunto"
    assert len(lines) == 8
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert [cell.value for cell in sheet["A"]][1:] == [
        line.split(";")[0] for line in lines[1:]
    ]
    assert [cell.value for cell in sheet["B"]][1:] == [
        int(line.split(";")[1]) for line in lines[1:]
    ]
    assert steering.get(f"/results/nothing.csv{YEAR}").status_code == 404
    assert steering.get(f"/results/funnel.pdf{YEAR}").status_code == 404


def test_no_personal_data_or_single_records_on_the_results(app, client_as):
    with app.app_context():
        people = db.session.scalars(db.select(ContactPerson)).all()
        personal = {p.email for p in people} | {p.phone for p in people if p.phone}
        personal |= {f"{p.first_name} {p.last_name}" for p in people}
        participants = db.session.scalars(db.select(Participant)).all()
        personal |= {p.full_name for p in participants}
        personal |= {p.email for p in participants if p.email}
        # Nor any single request: the steering group reads figures, not records.
        personal |= set(db.session.scalars(db.select(RequestForQuotation.reference)))
        # The signed-in member's own name stands in the menu bar.
        own = app.appbuilder.sm.find_user(username="steering")
        personal.discard(f"{own.first_name} {own.last_name}")
    steering = client_as("steering")
    pages = [steering.get(f"/results/{YEAR}").get_data(as_text=True)]
    for key in TABLES:
        pages.append(steering.get(f"/results/{key}.csv{YEAR}").get_data(as_text=True))

    found = {item for item in personal for page in pages if item in page}
    assert found == set()
