"""Certificates through the app's routes: the lead provider issues one only to
a participant who completed the training; its PDF is in the participant's
language and states the training, hours, dates, providers and code; the code's
public page confirms it; other organisations cannot fetch it."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from app.extensions import db
from app.models import (
    Certificate,
    ContractStatus,
    Participant,
)
from tests.conftest import visible_text
from tests.path_records import new_contract, plan_with_days

START = date(2026, 9, 7)


@pytest.fixture
def delivery(app):
    """A delivery led by provider1 with a plan, two sessions and participants
    in three languages, one of whom did not complete it."""
    case = new_contract(
        app,
        signed_on=START - timedelta(days=20),
        status=ContractStatus.delivered,
        provider_login="provider1",
    )
    with app.app_context():
        plan = plan_with_days(
            case.contract_id,
            [START, START + timedelta(days=14)],
            "Osaa laatia kunnossapitosuunnitelman.",
            place="Tikkurila",
        )
        db.session.add(plan)
        people = {}
        for language, completed in (("fi", True), ("sv", True), ("en", True)):
            people[language] = Participant(
                contract_id=case.contract_id,
                company_id=case.company_id,
                first_name=f"Åsa-{language}",
                last_name="Mäkinen",
                language=language,
                completed=completed,
            )
        people["absent"] = Participant(
            contract_id=case.contract_id,
            company_id=case.company_id,
            first_name="Poissa",
            last_name="Olija",
            completed=False,
        )
        db.session.add_all(people.values())
        db.session.commit()
        return case, {key: person.id for key, person in people.items()}


def _issue(client, participant_id: int):
    return client.post(
        "/certificateview/add",
        data={
            "participant": participant_id,
            "issued_on": "2026-09-30",
            "hours": "12",
        },
    )


def _certificate(app, participant_id) -> Certificate | None:
    with app.app_context():
        certificate = db.session.scalar(
            db.select(Certificate).filter_by(participant_id=participant_id)
        )
        if certificate is not None:
            db.session.expunge(certificate)
        return certificate


def _pdf_text(response) -> str:
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(
    ("language", "title", "hours"),
    [
        ("fi", "TODISTUS", "12 tuntia"),
        ("sv", "INTYG", "12 timmar"),
        ("en", "CERTIFICATE", "12 hours"),
    ],
)
def test_a_certificate_pdf_speaks_the_participants_language(
    app, client_as, delivery, language, title, hours
):
    case, people = delivery
    provider = client_as("provider1")

    assert _issue(provider, people[language]).status_code == 302
    certificate = _certificate(app, people[language])
    text = _pdf_text(provider.get(f"/certificateview/pdf/{certificate.id}"))

    assert title in text
    assert f"Åsa-{language} Mäkinen" in text
    assert hours in text
    assert "7.9.2026–21.9.2026" in text
    assert "Osaa laatia kunnossapitosuunnitelman." in text
    assert "Kehärata-opisto" in text, "the lead provider"
    assert certificate.verification_code in text
    assert f"/certificate/check/{certificate.verification_code}" in text


def test_no_certificate_for_someone_who_did_not_complete(app, client_as, delivery):
    _case, people = delivery

    response = _issue(client_as("provider1"), people["absent"])

    assert response.status_code == 422
    assert "Poissa Olija ei ole suorittanut koulutusta" in visible_text(
        response.get_data(as_text=True)
    )
    assert _certificate(app, people["absent"]) is None


def test_the_code_confirms_a_genuine_certificate_to_anyone(app, client_as, delivery):
    _case, people = delivery
    _issue(client_as("provider1"), people["fi"])
    code = _certificate(app, people["fi"]).verification_code
    visitor = app.test_client()

    found = visitor.get(f"/certificate/check/{code.lower()}")
    typed = visitor.get(f"/certificate/check?code={code}")
    forged = visitor.get("/certificate/check/DEADBEEF0000")

    assert found.status_code == 200
    text = visible_text(found.get_data(as_text=True))
    assert "Todistus on aito" in text and "Åsa-fi Mäkinen" in text
    assert typed.status_code == 302
    assert forged.status_code == 404
    assert "Koodilla DEADBEEF0000 ei löydy todistusta" in visible_text(
        forged.get_data(as_text=True)
    )


@pytest.mark.parametrize("username", ["provider2", "client1", "steering"])
def test_other_organisations_cannot_fetch_the_pdf(app, client_as, delivery, username):
    _case, people = delivery
    _issue(client_as("provider1"), people["fi"])
    certificate = _certificate(app, people["fi"])

    response = client_as(username).get(f"/certificateview/pdf/{certificate.id}")

    assert response.status_code in (403, 404)
    assert response.mimetype != "application/pdf"
    assert certificate.hours == Decimal("12")
