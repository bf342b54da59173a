"""The timeline of a request and of a company: transitions, emails, questions
and answers, with who and when, and only what the reader may see."""

import re

from app.extensions import db
from app.models import Organisation, RequestForQuotation
from tests.conftest import visible_text


def _timeline_rows(page: str) -> list[str]:
    table = re.search(
        r'<table class="table table-condensed timeline">(.*?)</table>', page, re.S
    )
    assert table, "the page shows a timeline"
    return [
        visible_text(row).strip()
        for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    ][1:]


def test_the_request_timeline_tells_steps_emails_and_answers(
    app, coordinator, client_as
):
    response = coordinator.post(
        "/requestforquotationview/add",
        data={
            "reference": "TP-AIKA-1",
            "title": "Aikajanatesti",
            "client_companies": _company_id(app, "Peltolan Konepaja Oy"),
            "description": "Kuvaus",
            "expertise_sought": "Osaaminen",
            "sought_delivery": "either",
            "offer_deadline": "2031-01-15 16:00:00",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        request_id = db.session.scalar(
            db.select(RequestForQuotation.id).filter_by(reference="TP-AIKA-1")
        )
    coordinator.post(f"/requestforquotationview/action/publish/{request_id}")
    assert (
        coordinator.post(
            "/pathnoteview/add",
            data={"request": request_id, "text": "Asiakas toivoo iltaryhmää."},
        ).status_code
        == 302
    )
    client_as("provider1").post(
        "/requestquestionview/add",
        data={"request": request_id, "question": "Voiko aikataulua venyttää?"},
    )

    rows = _timeline_rows(
        coordinator.get(f"/requestforquotationview/show/{request_id}").text
    )

    assert any(
        "Luotu: Tarjouspyyntö TP-AIKA-1" in row and "coordinator" in row for row in rows
    )
    assert any("Tila muuttui" in row and "Luonnos → Julkaistu" in row for row in rows)
    assert any(
        row.startswith(tuple("0123456789")) and "Sähköposti osoitteeseen" in row
        for row in rows
    )
    assert any("Kysymys: Voiko aikataulua venyttää?" in row for row in rows)
    assert any(
        "Muistiinpano: Asiakas toivoo iltaryhmää." in row and "Sanna Virtanen" in row
        for row in rows
    )

    company_rows = _timeline_rows(
        coordinator.get(
            f"/clientcompanyview/show/{_company_id(app, 'Peltolan Konepaja Oy')}"
        ).text
    )
    assert any("TP-AIKA-1" in row for row in company_rows)


def test_a_provider_sees_no_emails_or_audit_of_others_in_the_timeline(app, client_as):
    provider = client_as("provider2")
    with app.app_context():
        request_id = db.session.scalar(
            db.select(RequestForQuotation.id).filter_by(reference="TP-DEMO-002")
        )
    page = provider.get(f"/requestforquotationview/show/{request_id}").text
    assert "Sähköposti osoitteeseen" not in page
    assert "coordinator" not in page
    assert "Muistiinpano:" not in page


def _company_id(app, name) -> int:
    with app.app_context():
        return db.session.scalar(db.select(Organisation.id).filter_by(name=name))
