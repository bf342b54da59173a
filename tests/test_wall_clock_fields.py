"""Dates with a time of day are entered in the browser's own date-and-time
input: what it sends is saved, and an edit form shows the stored time so that
saving it again keeps the time as it was."""

from datetime import datetime

from app.extensions import db
from app.models import RequestForQuotation
from tests.path_records import organisation_id_of


def _request_form(app, reference: str, deadline: str) -> dict:
    return {
        "reference": reference,
        "title": "Päivämäärätesti",
        "client_companies": organisation_id_of(app, "client1"),
        "description": "Kuvaus",
        "expertise_sought": "Osaaminen",
        "sought_delivery": "either",
        "offer_deadline": deadline,
    }


def _deadline(app, reference: str) -> tuple[int, datetime]:
    with app.app_context():
        request = db.session.scalars(
            db.select(RequestForQuotation).filter_by(reference=reference)
        ).one()
        return request.id, request.offer_deadline


def test_the_browsers_date_and_time_is_saved(app, coordinator):
    form = _request_form(app, "TP-AIKA-T", "2031-02-03T16:30")

    assert (
        coordinator.post("/requestforquotationview/add", data=form).status_code == 302
    )

    assert _deadline(app, "TP-AIKA-T")[1] == datetime(2031, 2, 3, 16, 30)


def test_the_edit_form_shows_the_time_in_the_browsers_input(app, coordinator):
    form = _request_form(app, "TP-AIKA-S", "2031-02-03 16:30:15")
    coordinator.post("/requestforquotationview/add", data=form)
    request_id, _ = _deadline(app, "TP-AIKA-S")

    page = coordinator.get(f"/requestforquotationview/edit/{request_id}").text

    assert 'type="datetime-local"' in page
    assert 'value="2031-02-03T16:30:15"' in page
    assert "appbuilder_datetime" not in page
