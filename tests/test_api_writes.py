"""Writing through the API: what is saved, what each record gets besides its
input, and that bad input gets a 4xx with a message saying what to fix while
nothing is saved."""

import json

import pytest

from app.extensions import db
from app.models import Lead, LeadStatus, Offer, OfferStatus, Organisation
from tests.api_world import api_app, count, ids, organisation_of, token_headers
from tests.path_records import free_business_id


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    with api_app(tmp_path_factory.mktemp("api_writes"), "api_writes") as application:
        yield application


def _client_company(world) -> int:
    return min(ids(world, "SELECT id FROM organisation WHERE kind = 'client'"))


def _post(world, username, resource, body, language="en"):
    return world.test_client().post(
        f"/api/v1/{resource}/",
        json=body,
        headers=token_headers(world, username, language),
    )


def _put(world, username, resource, pk, body, language="en"):
    return world.test_client().put(
        f"/api/v1/{resource}/{pk}",
        json=body,
        headers=token_headers(world, username, language),
    )


# --- Leads ------------------------------------------------------------------


def test_the_crm_adds_a_lead_owned_by_the_caller(world):
    company = _client_company(world)
    sql = "SELECT id FROM contact_person WHERE organisation_id = :c"
    contact = min(ids(world, sql, c=company))
    answer = _post(
        world,
        "coordinator",
        "leads",
        {
            "company_id": company,
            "contact_person_id": contact,
            "source": "event",
            "next_follow_up_on": "2027-02-01",
            "description": "Met at the Aviapolis fair.",
        },
    )
    assert answer.status_code == 201, answer.json
    assert answer.json["result"]["status"] == "new"
    with world.app_context():
        lead = db.session.get(Lead, answer.json["id"])
        coordinator = db.session.scalar(
            db.text("SELECT id FROM ab_user WHERE username = 'coordinator'")
        )
        assert lead.status is LeadStatus.new
        assert lead.owner_id == coordinator
        assert lead.contact_person_id == contact
        assert str(lead.next_follow_up_on) == "2027-02-01"


def test_a_lead_changes_only_in_the_fields_given(world):
    company = _client_company(world)
    body = {"company_id": company, "source": "phone"}
    created = _post(world, "coordinator", "leads", body)
    lead_id = created.json["id"]
    answer = _put(world, "coordinator", "leads", lead_id, {"description": "Call back."})
    assert answer.status_code == 200, answer.json
    result = answer.json["result"]
    assert result["description"] == "Call back."
    assert result["source"] == "phone" and result["company_id"] == company


@pytest.mark.parametrize(
    ("body", "field", "finnish"),
    [
        ({"source": "phone"}, "company_id", "pakollinen"),
        ({"company_id": "1", "source": "phone"}, "company_id", "kokonaisluku"),
        ({"company_id": 1, "source": "fax"}, "source", "web_form"),
        ({"company_id": 1, "source": "phone", "colour": "red"}, "colour", "Tuntematon"),
        ({"company_id": 1, "source": None}, "source", "null"),
        (
            {"company_id": 1, "source": "phone", "next_follow_up_on": "1.2.2027"},
            "next_follow_up_on",
            "VVVV-KK-PP",
        ),
        ({"company_id": 2**40, "source": "phone"}, "company_id", "tunniste"),
        (
            {"company_id": 1, "source": "phone", "description": "a\x00b"},
            "description",
            "NUL",
        ),
        # A nested company is not created on the way: the field is unknown.
        ({"company": {"name": "Uusi Oy"}, "source": "phone"}, "company", "Tuntematon"),
    ],
)
def test_bad_lead_input_is_refused_field_by_field_in_finnish(
    world, body, field, finnish
):
    before = (count(world, "lead"), count(world, "organisation"))
    answer = _post(world, "coordinator", "leads", body, language="fi")
    assert answer.status_code == 422, answer.json
    assert finnish in " ".join(answer.json["message"][field])
    assert (count(world, "lead"), count(world, "organisation")) == before


def test_a_lead_names_a_client_and_one_of_its_contact_people(world):
    provider = organisation_of(world, "provider1")
    company = _client_company(world)
    sql = "SELECT id FROM contact_person WHERE organisation_id != :c"
    elsewhere = min(ids(world, sql, c=company))
    before = count(world, "lead")
    answer = _post(
        world, "coordinator", "leads", {"company_id": provider, "source": "phone"}
    )
    assert answer.status_code == 422
    assert "company_id" in answer.json["message"]
    answer = _post(
        world,
        "coordinator",
        "leads",
        {"company_id": company, "contact_person_id": elsewhere, "source": "phone"},
    )
    assert answer.status_code == 422
    assert "contact_person_id" in answer.json["message"]
    missing = _post(
        world, "coordinator", "leads", {"company_id": 999999, "source": "phone"}
    )
    assert missing.status_code == 422
    assert count(world, "lead") == before


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        ('{"company_id": 1, "source": ', "application/json", 400),
        ("[1, 2, 3]", "application/json", 400),
        ('"a lead"', "application/json", 400),
        ("null", "application/json", 400),
        ("company_id=1&source=phone", "application/x-www-form-urlencoded", 400),
    ],
)
def test_a_body_that_is_not_one_json_object_is_refused(
    world, data, content_type, status
):
    before = count(world, "lead")
    headers = token_headers(world, "coordinator", "fi")
    answer = world.test_client().post(
        "/api/v1/leads/", data=data, content_type=content_type, headers=headers
    )
    assert answer.status_code == status
    assert answer.json["message"]
    assert count(world, "lead") == before


def test_an_oversized_body_is_refused_before_it_is_read(world):
    limit = world.config["MAX_CONTENT_LENGTH"]
    body = json.dumps({"company_id": 1, "source": "phone", "description": "x" * limit})
    before = count(world, "lead")
    for method in ("post", "put"):
        url = "/api/v1/leads/" if method == "post" else "/api/v1/leads/1"
        answer = getattr(world.test_client(), method)(
            url,
            data=body,
            content_type="application/json",
            headers=token_headers(world, "coordinator", "fi"),
        )
        assert answer.status_code == 413
        assert "liian suuri" in answer.json["message"]
    assert count(world, "lead") == before


# --- Companies ----------------------------------------------------------------


def test_the_crm_adds_a_client_company_with_a_checked_business_id(world):
    with world.app_context():
        business_id = free_business_id()
    answer = _post(
        world,
        "coordinator",
        "companies",
        {"name": "Tikkurilan Tekniikka", "business_id": business_id.replace("-", "")},
    )
    assert answer.status_code == 201, answer.json
    assert answer.json["result"]["business_id"] == business_id
    with world.app_context():
        company = db.session.get(Organisation, answer.json["id"])
        assert company.kind.name == "client"
    again = _post(
        world,
        "coordinator",
        "companies",
        {"name": "Toinen", "business_id": business_id},
        language="fi",
    )
    assert again.status_code == 422
    assert str(answer.json["id"]) in again.json["message"]["business_id"][0]
    wrong = _post(
        world,
        "coordinator",
        "companies",
        {"name": "Kolmas", "business_id": "1234567-0"},
        language="fi",
    )
    assert wrong.status_code == 422
    assert "tarkistusnumero" in wrong.json["message"]["business_id"][0]


def test_a_company_keeps_what_the_put_leaves_out(world):
    company = _client_company(world)
    with world.app_context():
        before = db.session.get(Organisation, company)
        name, business_id = before.name, before.business_id
    body = {"municipality": "Vantaa"}
    answer = _put(world, "coordinator", "companies", company, body)
    assert answer.status_code == 200, answer.json
    assert answer.json["result"]["name"] == name
    assert answer.json["result"]["business_id"] == business_id
    too_long = _put(world, "coordinator", "companies", company, {"name": "x" * 201})
    assert too_long.status_code == 422
    assert answer.json["result"]["municipality"] == "Vantaa"


def test_providers_and_clients_do_not_write_companies(world):
    company = organisation_of(world, "client1")
    body = {"name": "Muutettu"}
    assert _put(world, "client1", "companies", company, body).status_code == 403
    assert _post(world, "provider1", "companies", body).status_code == 403


# --- Offers ---------------------------------------------------------------------


def _open_request_sent_to(world, username) -> int:
    provider = organisation_of(world, username)
    return min(
        ids(
            world,
            "SELECT r.id FROM request_for_quotation r JOIN request_distribution d "
            "ON d.request_id = r.id WHERE d.provider_id = :p AND r.status = "
            "'published' AND r.id NOT IN (SELECT request_id FROM offer WHERE "
            "lead_provider_id = :p)",
            p=provider,
        )
    )


OFFER = {
    "content": "Kolme lähipäivää.",
    "price": "4800.00",
    "valid_until": "2027-06-30",
}


def test_a_provider_drafts_an_offer_in_its_own_name(world):
    request_id = _open_request_sent_to(world, "provider2")
    answer = _post(world, "provider2", "offers", {**OFFER, "request_id": request_id})
    assert answer.status_code == 201, answer.json
    with world.app_context():
        offer = db.session.get(Offer, answer.json["id"])
        assert offer.lead_provider_id == organisation_of(world, "provider2")
        assert offer.status is OfferStatus.draft and offer.version == 1
        assert str(offer.price) == "4800.00"
    again = _post(world, "provider2", "offers", {**OFFER, "request_id": request_id})
    assert again.status_code == 422
    assert str(answer.json["id"]) in again.json["message"]["request_id"][0]
    changed = _put(world, "provider2", "offers", answer.json["id"], {"price": 4500})
    assert changed.status_code == 200
    assert changed.json["result"]["price"] == "4500.00"
    moved = _put(
        world, "provider2", "offers", answer.json["id"], {"request_id": request_id + 1}
    )
    assert moved.status_code == 422
    # The other provider does not see it, so cannot change it.
    unseen = _put(world, "provider1", "offers", answer.json["id"], OFFER)
    assert unseen.status_code == 404


def test_an_offer_on_a_request_not_sent_to_the_provider_is_refused(world):
    sql = "SELECT id FROM request_for_quotation WHERE status = 'draft'"
    draft = min(ids(world, sql))
    before = count(world, "offer")
    answer = _post(world, "provider1", "offers", {**OFFER, "request_id": draft}, "fi")
    assert answer.status_code == 422
    assert "request_id" in answer.json["message"]
    closed = min(
        ids(world, "SELECT id FROM request_for_quotation WHERE status = 'closed'")
    )
    late = _post(world, "provider1", "offers", {**OFFER, "request_id": closed}, "fi")
    assert late.status_code == 422
    assert count(world, "offer") == before


def test_a_submitted_offer_no_longer_changes_through_the_api(world):
    provider = organisation_of(world, "provider1")
    submitted = min(
        ids(
            world,
            "SELECT id FROM offer WHERE lead_provider_id = :p AND status != 'draft'",
            p=provider,
        )
    )
    with world.app_context():
        price = db.session.get(Offer, submitted).price
    answer = _put(world, "provider1", "offers", submitted, {"price": "1.00"}, "fi")
    assert answer.status_code == 403
    assert "luonnos" in answer.json["message"]
    with world.app_context():
        assert db.session.get(Offer, submitted).price == price


def test_clients_and_the_coordinator_only_read_offers(world):
    request_id = _open_request_sent_to(world, "provider1")
    body = {**OFFER, "request_id": request_id}
    assert _post(world, "client1", "offers", body).status_code == 403
    assert _post(world, "coordinator", "offers", body).status_code == 403


@pytest.mark.parametrize(
    "price", ["-1", "10000000000", "NaN", "Infinity", "12,50", True, [1]]
)
def test_an_impossible_price_is_refused(world, price):
    request_id = _open_request_sent_to(world, "provider1")
    before = count(world, "offer")
    body = {**OFFER, "request_id": request_id, "price": price}
    answer = _post(world, "provider1", "offers", body, "fi")
    assert answer.status_code == 422, answer.json
    assert answer.json["message"]["price"]
    assert count(world, "offer") == before


def test_a_duplicate_that_slips_past_the_check_is_a_409_and_saves_nothing(
    world, monkeypatch
):
    """Two callers adding the same company at once both pass the early check;
    the database's unique business ID stops the second, which gets 409."""
    from app.api.companies import CompanyApi

    with world.app_context():
        taken = db.session.scalar(
            db.text("SELECT business_id FROM organisation WHERE kind = 'client'")
        )
    monkeypatch.setattr(CompanyApi, "check", lambda self, values, record: {})
    before = count(world, "organisation")
    answer = _post(
        world,
        "coordinator",
        "companies",
        {"name": "Samaan aikaan Oy", "business_id": taken},
        language="fi",
    )
    assert answer.status_code == 409
    assert "ristiriidassa" in answer.json["message"]
    assert count(world, "organisation") == before
