"""Bad input on the forms: a Finnish message that says what to fix, the user's
input kept in the form, and nothing saved."""

import html
from datetime import datetime, timedelta

import pytest
from flask_babel import gettext
from flask_wtf.i18n import translations as wtforms_translations

from app.extensions import db
from app.models import (
    Offer,
    Organisation,
    OrganisationKind,
    PartnershipAgreement,
    RequestForQuotation,
)

VALID_COMPANY = {
    "name": "Uusi Testiyritys Oy",
    "business_id": "3101074-6",
    "industry": "Testaus",
    "size_class": "small",
    "municipality": "Vantaa",
    "preferred_language": "fi",
    "is_active": "y",
}


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(model.id)))


def _finnish(app, message: str, **values) -> str:
    """The message as a Finnish user reads it; fails if it is not translated."""
    with app.test_request_context():
        translated = gettext(message, **values)
    assert translated != message % values if values else translated != message
    return translated


def _page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _ids(app, model, **filters) -> list[int]:
    with app.app_context():
        query = db.select(model.id).filter_by(**filters)
        return list(db.session.scalars(query))


def _provider_id(app) -> int:
    return _ids(app, Organisation, kind=OrganisationKind.provider)[0]


@pytest.mark.parametrize(
    "business_id", ["0124610-8", "1234567", "Y-1234567-8", "0124610--9"]
)
def test_an_invalid_business_id_is_refused(app, coordinator, business_id):
    before = _count(app, Organisation)

    response = coordinator.post(
        "/clientcompanyview/add", data={**VALID_COMPANY, "business_id": business_id}
    )

    page = _page(response)
    assert response.status_code == 422, "a form with errors answers 422"
    assert (
        _finnish(
            app,
            "The business ID is not valid: write it as seven digits, a hyphen and the "
            "check digit, for example 0124610-9.",
        )
        in page
    )
    assert VALID_COMPANY["name"] in page, "the user's input is kept"
    assert _count(app, Organisation) == before


def test_a_duplicate_business_id_is_refused(app, coordinator):
    before = _count(app, Organisation)

    response = coordinator.post(
        "/clientcompanyview/add", data={**VALID_COMPANY, "business_id": "0124610-9"}
    )

    assert _finnish(app, "Already exists.") in _page(response)
    assert _count(app, Organisation) == before


def test_a_missing_required_field_is_refused(app, coordinator):
    before = _count(app, Organisation)

    response = coordinator.post(
        "/clientcompanyview/add", data={**VALID_COMPANY, "name": ""}
    )

    with app.test_request_context():
        required = wtforms_translations.gettext("This field is required.")
    assert required != "This field is required."
    assert required in _page(response)
    assert _count(app, Organisation) == before


def test_a_valid_company_is_saved_with_who_made_it(app, coordinator):
    data = {**VALID_COMPANY, "business_id": " 31010746 "}
    response = coordinator.post("/clientcompanyview/add", data=data)

    assert response.status_code == 302
    with app.app_context():
        company = db.session.scalars(
            db.select(Organisation).filter_by(business_id="3101074-6")
        ).one()
        assert company.kind is OrganisationKind.client
        assert company.created_by.username == "coordinator"
        assert company.changed_by.username == "coordinator"
        db.session.delete(company)
        db.session.commit()


def test_an_end_date_before_the_start_is_refused(app, coordinator):
    before = _count(app, PartnershipAgreement)

    response = coordinator.post(
        "/partnershipagreementview/add",
        data={
            "provider": _provider_id(app),
            "signed_on": "2025-01-10",
            "valid_from": "2025-02-01",
            "valid_until": "2025-01-31",
        },
    )

    page = _page(response)
    assert (
        _finnish(
            app,
            "The end cannot be before the start (%(start)s): check the dates.",
            start=gettext("Valid from"),
        ).split("(")[0]
        in page
    )
    assert _count(app, PartnershipAgreement) == before


def _offer_form(app, **changes) -> dict:
    """An offer of provider1's organisation to a request sent to it."""
    request_id = _ids(app, RequestForQuotation, reference="TP-DEMO-002")[0]
    with app.app_context():
        provider = app.appbuilder.sm.find_user(username="provider1").organisation_id
    form = {
        "request": request_id,
        "lead_provider": provider,
        "content": "Koulutus kolmena päivänä.",
        "price": "1000.00",
        "vat_rate": "0",
        "valid_until": "2030-01-01",
        "version": "1",
        "status": "draft",
    }
    return {**form, **changes}


def test_a_negative_price_is_refused(app, client_as):
    before = _count(app, Offer)

    response = client_as("provider1").post(
        "/offerview/add", data=_offer_form(app, price="-5")
    )

    assert _finnish(app, "Enter zero or a positive amount.") in _page(response)
    assert _count(app, Offer) == before


def _request_form(app, deadline: datetime) -> dict:
    return {
        "reference": "TP-TESTI-1",
        "title": "Testipyyntö",
        "client_companies": _ids(app, Organisation, kind=OrganisationKind.client)[0],
        "description": "Kuvaus",
        "expertise_sought": "Osaaminen",
        "sought_delivery": "either",
        "offer_deadline": deadline.strftime("%Y-%m-%d %H:%M:%S"),
        "status": "draft",
    }


def test_an_offer_deadline_in_the_past_is_refused(app, coordinator):
    before = _count(app, RequestForQuotation)
    yesterday = datetime.now() - timedelta(days=1)

    response = coordinator.post(
        "/requestforquotationview/add", data=_request_form(app, yesterday)
    )

    assert _finnish(
        app, "The offer deadline has already passed: choose a later time."
    ) in _page(response)
    assert _count(app, RequestForQuotation) == before


def test_an_unchanged_past_deadline_may_stay_when_a_request_is_edited(app, coordinator):
    with app.app_context():
        request = db.session.scalars(
            db.select(RequestForQuotation).filter_by(reference="TP-DEMO-004")
        ).one()
        request_id, deadline = request.id, request.offer_deadline
    form = _request_form(app, deadline)
    form.update(reference="TP-DEMO-004", title="Työpaikkasuomi (tarkennettu)")
    form["status"] = "closed"

    response = coordinator.post(
        f"/requestforquotationview/edit/{request_id}", data=form
    )

    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(RequestForQuotation, request_id).title.endswith(
            "(tarkennettu)"
        )


def test_a_request_needs_at_least_one_client_company(app, coordinator):
    before = _count(app, RequestForQuotation)
    form = _request_form(app, datetime.now() + timedelta(days=7))
    del form["client_companies"]

    response = coordinator.post("/requestforquotationview/add", data=form)

    with app.test_request_context():
        required = wtforms_translations.gettext("This field is required.")
    assert required in _page(response)
    assert _count(app, RequestForQuotation) == before


def test_an_unticked_checkbox_is_saved_as_no(app, coordinator):
    data = {**VALID_COMPANY, "business_id": "3101111-6", "name": "Rasti Oy"}
    del data["is_active"]

    response = coordinator.post("/clientcompanyview/add", data=data)

    assert response.status_code == 302
    with app.app_context():
        company = db.session.scalars(
            db.select(Organisation).filter_by(name="Rasti Oy")
        ).one()
        assert company.is_active is False
        db.session.delete(company)
        db.session.commit()
