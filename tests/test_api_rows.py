"""The API's row rules: each role reads through the API exactly the records the
screens' rules give it, stated here once more in plain SQL, and a record of
someone else answers 404 as if it did not exist."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.api_world import api_app, ids, organisation_of, token_headers

ALL_PAGES = "?q=(page_size:100)"


def _helsinki_now() -> datetime:
    return datetime.now(ZoneInfo("Europe/Helsinki")).replace(tzinfo=None)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    with api_app(tmp_path_factory.mktemp("api_rows"), "api_rows") as application:
        yield application


def _listed(app, username: str, resource: str) -> set[int]:
    answer = app.test_client().get(
        f"/api/v1/{resource}/{ALL_PAGES}", headers=token_headers(app, username)
    )
    assert answer.status_code == 200, answer.json
    assert answer.json["count"] == len(answer.json["ids"])
    return set(answer.json["ids"])


def _status(app, username: str, path: str) -> int:
    return app.test_client().get(path, headers=token_headers(app, username)).status_code


def test_a_provider_reads_the_offers_it_leads_or_is_a_member_of(world):
    provider = organisation_of(world, "provider1")
    own = ids(
        world,
        "SELECT id FROM offer WHERE lead_provider_id = :p UNION "
        "SELECT offer_id FROM consortium_member WHERE provider_id = :p",
        p=provider,
    )
    others = ids(world, "SELECT id FROM offer") - own
    assert own and others
    assert _listed(world, "provider1", "offers") == own
    for offer_id in others:
        assert _status(world, "provider1", f"/api/v1/offers/{offer_id}") == 404


def test_sealed_offers_stay_hidden_from_the_coordinator_until_the_deadline(world):
    opened = ids(
        world,
        "SELECT o.id FROM offer o JOIN request_for_quotation r "
        "ON r.id = o.request_id WHERE r.offer_deadline <= :now",
        now=_helsinki_now(),
    )
    sealed = ids(world, "SELECT id FROM offer") - opened
    assert sealed, "the demo has an offer before its deadline"
    assert _listed(world, "coordinator", "offers") == opened
    for offer_id in sealed:
        assert _status(world, "coordinator", f"/api/v1/offers/{offer_id}") == 404


def test_a_client_reads_its_own_requests_and_the_offers_opened_to_them(world):
    company = organisation_of(world, "client1")
    requests = ids(
        world,
        "SELECT request_id FROM request_client_company WHERE company_id = :c",
        c=company,
    )
    offers = ids(
        world,
        "SELECT o.id FROM offer o JOIN request_for_quotation r ON r.id = o.request_id "
        "JOIN request_client_company c ON c.request_id = r.id "
        "WHERE c.company_id = :c AND r.offer_deadline <= :now "
        "AND o.status IN ('submitted', 'accepted', 'rejected')",
        c=company,
        now=_helsinki_now(),
    )
    assert requests and offers
    assert _listed(world, "client1", "requests") == requests
    assert _listed(world, "client1", "offers") == offers
    assert _listed(world, "client1", "companies") == {company}
    other_request = min(ids(world, "SELECT id FROM request_for_quotation") - requests)
    assert _status(world, "client1", f"/api/v1/requests/{other_request}") == 404


def test_a_provider_reads_the_requests_sent_to_it_and_their_clients(world):
    provider = organisation_of(world, "provider1")
    sent = ids(
        world,
        "SELECT request_id FROM request_distribution WHERE provider_id = :p",
        p=provider,
    )
    clients = ids(
        world,
        "SELECT company_id FROM request_client_company WHERE request_id IN "
        "(SELECT request_id FROM request_distribution WHERE provider_id = :p)",
        p=provider,
    )
    drafts = ids(world, "SELECT id FROM request_for_quotation WHERE status = 'draft'")
    assert sent and clients and drafts and not drafts & sent
    assert _listed(world, "provider1", "requests") == sent
    assert _listed(world, "provider1", "companies") == clients
    for request_id in drafts:
        assert _status(world, "provider1", f"/api/v1/requests/{request_id}") == 404


def test_the_companies_resource_lists_client_companies_only(world):
    clients = ids(world, "SELECT id FROM organisation WHERE kind = 'client'")
    providers = ids(world, "SELECT id FROM organisation WHERE kind = 'provider'")
    assert _listed(world, "coordinator", "companies") == clients
    for provider_id in providers:
        assert _status(world, "coordinator", f"/api/v1/companies/{provider_id}") == 404


def test_a_joint_request_shows_a_client_only_its_own_company(world):
    from app.extensions import db
    from app.models import Organisation, RequestForQuotation

    company = organisation_of(world, "client1")
    request_id = min(
        ids(
            world,
            "SELECT request_id FROM request_client_company WHERE company_id = :c",
            c=company,
        )
    )
    clients = ids(world, "SELECT id FROM organisation WHERE kind = 'client'")
    other = min(clients - {company})
    with world.app_context():
        request = db.session.get(RequestForQuotation, request_id)
        request.client_companies.append(db.session.get(Organisation, other))
        db.session.commit()
    shown = (
        world.test_client()
        .get(f"/api/v1/requests/{request_id}", headers=token_headers(world, "client1"))
        .json["result"]["client_company_ids"]
    )
    assert shown == [company]
    shown_to_coordinator = (
        world.test_client()
        .get(
            f"/api/v1/requests/{request_id}",
            headers=token_headers(world, "coordinator"),
        )
        .json["result"]["client_company_ids"]
    )
    assert set(shown_to_coordinator) == {company, other}


@pytest.mark.parametrize(
    ("username", "resource", "status"),
    [
        ("provider1", "leads", 403),
        ("client1", "leads", 403),
        ("steering", "leads", 403),
        ("steering", "companies", 403),
        ("steering", "offers", 403),
        ("steering", "service-entities", 200),
        ("admin", "service-entities", 403),
        ("client1", "service-entities", 200),
    ],
)
def test_what_each_role_may_open(world, username, resource, status):
    assert _status(world, username, f"/api/v1/{resource}/") == status


def test_no_token_no_data(world):
    answer = world.test_client().get(
        "/api/v1/leads/", headers={"Accept-Language": "fi"}
    )
    assert answer.status_code == 401
    assert answer.json["message"].startswith("Kirjaudu")
    broken = world.test_client().get(
        "/api/v1/leads/", headers={"Authorization": "Bearer not-a-token"}
    )
    assert broken.status_code == 401


def test_the_retired_service_entities_leave_the_menu(world):
    from app.extensions import db
    from app.models import ServiceEntity

    retired = min(ids(world, "SELECT id FROM service_entity"))
    with world.app_context():
        db.session.get(ServiceEntity, retired).is_active = False
        db.session.commit()
    active = ids(world, "SELECT id FROM service_entity WHERE is_active")
    assert active and retired not in active
    assert _listed(world, "client1", "service-entities") == active
    assert _status(world, "client1", f"/api/v1/service-entities/{retired}") == 404


def test_a_signed_in_browser_may_use_the_api(world):
    from tests.conftest import login

    browser = world.test_client()
    login(browser, "provider1")
    assert browser.get("/api/v1/offers/").status_code == 200
    assert browser.get("/api/v1/leads/").status_code == 403
