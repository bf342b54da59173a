"""The public need form: a company tells its need without an account; a lead
is made for the coordinator with the source marked and a confirmation reaches
the sender; bad input is refused with what to fix, a filled hidden field and a
flood of posts save nothing."""

import time
import uuid

import pytest

from app import create_app
from app.extensions import db
from app.models import ContactPerson, Lead, LeadSource, Organisation, ServiceEntity
from config import TestConfig
from tests import fake_register
from tests.conftest import visible_text
from tests.path_records import free_business_id
from tests.smtp import body_of


def _free_business_id(app) -> str:
    with app.app_context():
        return free_business_id()


def _form(identifier, **changes) -> dict:
    form = {
        "business_id": identifier,
        "company_name": "Lomaketesti Oy",
        "first_name": "Liisa",
        "last_name": "Lomake",
        "email": f"liisa-{uuid.uuid4().hex[:6]}@example.com",
        "phone": "040 123 4567",
        "need": "Trukkikortit kuudelle varastotyöntekijälle.",
        "timing": "Keväällä 2027",
        "people": "6",
        "consent": "y",
    }
    form.update(changes)
    return {key: value for key, value in form.items() if value is not None}


def _leads_of(app, email) -> list[Lead]:
    with app.app_context():
        leads = db.session.scalars(
            db.select(Lead)
            .join(Lead.contact_person)
            .where(ContactPerson.email == email)
        ).all()
        for lead in leads:
            _ = lead.company.name, lead.contact_person.first_name
        db.session.expunge_all()
        return leads


def test_a_need_becomes_a_lead_and_the_sender_gets_a_confirmation(app, inbox):
    with app.app_context():
        service = db.session.scalars(db.select(ServiceEntity)).first()
        service_id, service_name = service.id, service.name
    form = _form(
        _free_business_id(app),
        services=str(service_id),
        industry="Varastointi",
        municipality="Vantaa",
    )

    page = app.test_client().post("/need", data=form, query_string={"_l_": "sv"})

    assert page.status_code == 200
    (lead,) = _leads_of(app, form["email"])
    assert lead.source is LeadSource.web_form
    assert lead.company.business_id == form["business_id"]
    assert (lead.company.industry, lead.company.municipality) == (
        "Varastointi",
        "Vantaa",
    )
    assert "Trukkikortit" in lead.description and service_name in lead.description
    (mail,) = [m for m in inbox.messages if m["To"] == form["email"]]
    assert mail["Subject"] == "Vi har tagit emot ert utbildningsbehov"
    assert "Trukkikortit" in body_of(mail)


def test_a_known_company_and_contact_are_reused(app):
    with app.app_context():
        company = db.session.scalars(
            db.select(Organisation).filter_by(name="Peltolan Konepaja Oy")
        ).one()
        contact = company.contact_people[0]
        business_id, email = company.business_id, contact.email
        organisations = db.session.scalar(db.select(db.func.count(Organisation.id)))

    app.test_client().post("/need", data=_form(business_id, email=email.upper()))

    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Organisation.id))) == (
            organisations
        )
    (lead,) = [lead for lead in _leads_of(app, email) if "Trukki" in lead.description]
    assert lead.company.name == "Peltolan Konepaja Oy"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"business_id": "1234567-8"}, "Y-tunnus ei kelpaa"),
        ({"email": "ei-osoite"}, "Tarkista sähköpostiosoite"),
        ({"consent": None}, "vain suostumuksellasi"),
        ({"need": ""}, "mitä henkilöstönne pitäisi oppia"),
        ({"people": "0"}, "luku väliltä 1–10000"),
        ({"need": "x" * 4001}, "4000 merkkiin"),
    ],
)
def test_bad_input_says_what_to_fix_and_saves_nothing(app, changes, message):
    form = _form(_free_business_id(app), **changes)
    with app.app_context():
        before = db.session.scalar(db.select(db.func.count(Lead.id)))

    page = app.test_client().post("/need", data=form)

    assert page.status_code == 422
    text = visible_text(page.get_data(as_text=True))
    assert message in text
    assert "Lomaketesti Oy" in page.get_data(as_text=True), "the input is kept"
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Lead.id))) == before


def test_a_filled_hidden_field_is_thanked_and_forgotten(app):
    form = _form(_free_business_id(app), website="http://roskaposti.example")

    page = app.test_client().post("/need", data=form)

    assert page.status_code == 200
    assert _leads_of(app, form["email"]) == []


def test_a_flood_of_posts_is_stopped(database_url):
    throttled = create_app(
        TestConfig,
        SQLALCHEMY_DATABASE_URI=database_url,
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="memory://",
    )
    visitor = throttled.test_client()
    statuses = [
        visitor.post("/need", data=_form("1234567-8")).status_code for _ in range(7)
    ]

    assert statuses[:5] == [422] * 5
    assert statuses[5:] == [429, 429]
    assert visitor.get("/need").status_code == 200, "reading stays open"


def test_the_service_map_links_to_the_form_with_the_service_chosen(app):
    with app.app_context():
        service = db.session.scalars(
            db.select(ServiceEntity).where(ServiceEntity.is_active.is_(True))
        ).first()
        service_id, name = service.id, service.name
    visitor = app.test_client()

    services = visitor.get("/services").get_data(as_text=True)
    form = visitor.get(f"/need?service={service_id}").get_data(as_text=True)

    assert name in services and f"/need?service={service_id}" in services
    assert f'value="{service_id}" checked' in form or ('checked id="services-' in form)


@pytest.fixture
def register(app, monkeypatch):
    server, url = fake_register.start()
    monkeypatch.setitem(app.config, "COMPANY_LOOKUP_URL", url)
    monkeypatch.setitem(app.config, "COMPANY_LOOKUP_TIMEOUT", 0.5)
    yield
    server.shutdown()


def test_the_lookup_is_off_by_default(app):
    assert app.config["COMPANY_LOOKUP_URL"] is None
    visitor = app.test_client()
    assert visitor.get("/need/lookup?business_id=0124610-9").status_code == 404
    assert "lookup-status" not in visitor.get("/need").get_data(as_text=True)


def test_the_lookup_prefills_from_the_register(app, register):
    visitor = app.test_client()

    found = visitor.get(f"/need/lookup?business_id={fake_register.KNOWN}")

    assert found.status_code == 200
    assert found.json == {
        "name": "Vantaan Testikone Oy",
        "industry": fake_register.INDUSTRY,
        "street": "Teollisuustie 5",
        "postal_code": "01510",
        "city": "VANTAA",
    }
    assert "lookup-status" in visitor.get("/need").get_data(as_text=True)


@pytest.mark.parametrize(
    ("business_id", "status", "message"),
    [
        ("2331972-7", 404, "Rekisterissä ei ole"),
        (fake_register.BROKEN, 503, "täytä tiedot itse"),
        (fake_register.SILENT, 503, "täytä tiedot itse"),
        ("1234567-8", 400, "Tarkista Y-tunnus"),
    ],
)
def test_a_failing_or_silent_register_leaves_the_form_to_be_filled_by_hand(
    app, register, business_id, status, message
):
    visitor = app.test_client()
    started = time.monotonic()

    answer = visitor.get(f"/need/lookup?business_id={business_id}")

    assert time.monotonic() - started < 3, "given up within the timeout"
    assert answer.status_code == status
    assert message in answer.json["message"]
    form = _form(
        _free_business_id(app), email=f"kasin-{uuid.uuid4().hex[:6]}@example.com"
    )
    assert visitor.post("/need", data=form).status_code == 200, "by hand it works"
