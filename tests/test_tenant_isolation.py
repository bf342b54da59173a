"""Tenant isolation: two providers and two client companies, each with records
named with markers, and every page each user can reach searched for the markers
of the others: lists (all rows on one page, with their search widgets), show
pages with their related tabs, add and edit forms with their choice lists, the
user's profile and the menu API. Then writes that name another owner's records
are refused and change nothing.
"""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from stdnum.fi import ytunnus

from app.extensions import db
from app.models import (
    ConsortiumMember,
    ContactPerson,
    NeedsAssessment,
    Offer,
    OfferStatus,
    Organisation,
    OrganisationKind,
    Participant,
    RequestDistribution,
    RequestForQuotation,
    RequestQuestion,
    RequestStatus,
    ServiceContract,
    Trainer,
)
from app.models.delivery import ImplementationPlan
from app.models.invoicing import Invoice, InvoiceKind, InvoiceLine
from app.security.roles import ROLE_SCREENS
from app.views.menu import MENU
from tests.conftest import login

PASSWORD = "marker-salasana-2026"
LINK = re.compile(r'href="(/[a-z]+view/(?:show|edit)/\d+)[^"]*"')


def _business_id(seed: int) -> str:
    for digit in range(10):
        candidate = f"{seed}-{digit}"
        if ytunnus.is_valid(candidate):
            return candidate
    return _business_id(seed + 1)


class Markers:
    """The seeded world: what each marker names and who may see it."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}


def _organisation(name, kind, seed):
    record = Organisation(name=name, kind=kind, business_id=_business_id(seed))
    db.session.add(record)
    return record


def _contact(organisation, marker):
    db.session.add(
        ContactPerson(
            organisation=organisation,
            first_name=marker,
            last_name="Henkilö",
            email=f"{marker.lower()}@example.com",
        )
    )


def _request(marker, client, providers, deadline):
    request = RequestForQuotation(
        reference=marker,
        title=marker,
        description="Kuvaus",
        expertise_sought="Osaaminen",
        client_companies=[client],
        offer_deadline=deadline,
        status=RequestStatus.published,
    )
    db.session.add(request)
    for provider in providers:
        db.session.add(
            RequestDistribution(
                request=request, provider=provider, sent_on=datetime.now()
            )
        )
    return request


def _offer(marker, request, provider, status=OfferStatus.submitted, version=1):
    offer = Offer(
        version=version,
        request=request,
        lead_provider=provider,
        content=marker,
        price=Decimal("1000"),
        vat_rate=Decimal("0"),
        valid_until=date(2030, 1, 1),
        status=status,
        submitted_on=datetime.now(),
    )
    db.session.add(offer)
    return offer


@pytest.fixture(scope="module")
def world(app):
    """Seed the markers' world once, as the system."""
    markers = Markers()
    with app.app_context():
        prov_a = _organisation("MARKER-PROV-A", OrganisationKind.provider, 3201001)
        prov_b = _organisation("MARKER-PROV-B", OrganisationKind.provider, 3201101)
        client_a = _organisation("MARKER-CLIENT-A", OrganisationKind.client, 3201201)
        client_b = _organisation("MARKER-CLIENT-B", OrganisationKind.client, 3201301)
        for organisation, marker in (
            (client_a, "MARKER-CONTACT-A"),
            (client_b, "MARKER-CONTACT-B"),
            (prov_a, "MARKER-PCONTACT-A"),
            (prov_b, "MARKER-PCONTACT-B"),
        ):
            _contact(organisation, marker)
        for provider, marker in (
            (prov_a, "MARKER-TRAINER-A"),
            (prov_b, "MARKER-TRAINER-B"),
        ):
            db.session.add(Trainer(provider=provider, first_name=marker, last_name="K"))
        for company, marker in (
            (client_a, "MARKER-NEED-A"),
            (client_b, "MARKER-NEED-B"),
        ):
            db.session.add(
                NeedsAssessment(
                    company=company,
                    assessed_on=date.today(),
                    competence_needs=marker,
                    people_count=3,
                )
            )

        future = datetime.now() + timedelta(days=30)
        past = datetime.now() - timedelta(days=3)
        request_a = _request("MARKER-REQ-A", client_a, [prov_a, prov_b], future)
        request_b = _request("MARKER-REQ-B", client_b, [prov_b], past)
        offer_a1 = _offer("MARKER-OFFER-A1", request_a, prov_a)
        offer_b1 = _offer("MARKER-OFFER-B1", request_a, prov_b)
        offer_b3 = _offer("MARKER-OFFER-B3-WITH-A", request_a, prov_b, version=2)
        db.session.add(
            ConsortiumMember(
                offer=offer_b3, provider=prov_a, part="Osuus", share_percent=Decimal(30)
            )
        )
        offer_b2 = _offer("MARKER-OFFER-B2", request_b, prov_b, OfferStatus.accepted)
        db.session.add(
            RequestQuestion(
                request=request_a,
                provider=prov_a,
                question="MARKER-QUESTION-A",
                asked_on=datetime.now(),
            )
        )
        contract = ServiceContract(
            number="MARKER-PS-B",
            offer=offer_b2,
            signed_on=date.today(),
            start_date=date.today(),
            value=Decimal("1000"),
        )
        db.session.add(contract)
        db.session.add(
            ImplementationPlan(
                contract=contract, competence_goals="MARKER-PLAN-B", contents="Sisältö"
            )
        )
        db.session.add(
            Participant(
                contract=contract,
                company=client_b,
                first_name="MARKER-PART-B",
                last_name="Osallistuja",
            )
        )
        db.session.add(
            Invoice(
                number="MARKER-INV-B",
                contract=contract,
                company=client_b,
                kind=InvoiceKind.interim,
                issued_on=date.today(),
                due_on=date.today(),
                lines=[InvoiceLine(description="MARKER-LINE-B", amount=Decimal("500"))],
            )
        )
        db.session.flush()

        security = app.appbuilder.sm
        for username, role, organisation in (
            ("marker-prov-a", "Provider", prov_a),
            ("marker-prov-b", "Provider", prov_b),
            ("marker-client-a", "Client", client_a),
            ("marker-client-b", "Client", client_b),
        ):
            user = security.add_user(
                username,
                "Testi",
                username,
                f"{username}@example.com",
                security.find_role(role),
                password=PASSWORD,
            )
            user.organisation_id = organisation.id
        for name, record in (
            ("offer_a1", offer_a1),
            ("offer_b1", offer_b1),
            ("offer_b2", offer_b2),
            ("offer_b3", offer_b3),
            ("contract", contract),
            ("prov_a", prov_a),
            ("prov_b", prov_b),
            ("request_a", request_a),
        ):
            markers.ids[name] = record.id
        db.session.commit()
    return markers


ALL_MARKERS = {
    "MARKER-OFFER-A1", "MARKER-OFFER-B1", "MARKER-OFFER-B2", "MARKER-OFFER-B3-WITH-A",
    "MARKER-REQ-A", "MARKER-REQ-B", "MARKER-CLIENT-A", "MARKER-CLIENT-B",
    "MARKER-CONTACT-A", "MARKER-CONTACT-B", "MARKER-PCONTACT-A", "MARKER-PCONTACT-B",
    "MARKER-NEED-A", "MARKER-NEED-B", "MARKER-TRAINER-A", "MARKER-TRAINER-B",
    "MARKER-PS-B", "MARKER-PLAN-B", "MARKER-PART-B", "MARKER-INV-B", "MARKER-LINE-B",
    "MARKER-QUESTION-A",
}  # fmt: skip

# What each user may see; every other marker must stay out of their pages.
VISIBLE = {
    "marker-prov-a": {
        "MARKER-PROV-A", "MARKER-OFFER-A1", "MARKER-OFFER-B3-WITH-A", "MARKER-REQ-A",
        "MARKER-CLIENT-A", "MARKER-PCONTACT-A", "MARKER-TRAINER-A",
        "MARKER-QUESTION-A",
    },
    "marker-prov-b": {
        "MARKER-OFFER-B1", "MARKER-OFFER-B2", "MARKER-OFFER-B3-WITH-A", "MARKER-REQ-A",
        "MARKER-REQ-B", "MARKER-CLIENT-A", "MARKER-CLIENT-B", "MARKER-CONTACT-B",
        "MARKER-PCONTACT-B", "MARKER-TRAINER-B", "MARKER-PS-B", "MARKER-PLAN-B",
        "MARKER-PART-B", "MARKER-INV-B", "MARKER-LINE-B",
    },
    "marker-client-a": {"MARKER-CLIENT-A", "MARKER-CONTACT-A", "MARKER-NEED-A",
                        "MARKER-REQ-A"},
    "marker-client-b": {
        "MARKER-CLIENT-B", "MARKER-CONTACT-B", "MARKER-NEED-B", "MARKER-REQ-B",
        "MARKER-OFFER-B2", "MARKER-PS-B", "MARKER-PLAN-B", "MARKER-PART-B",
        "MARKER-INV-B", "MARKER-LINE-B",
    },
    # The coordinator sees everything but the offers still sealed.
    "coordinator": ALL_MARKERS - {"MARKER-OFFER-A1", "MARKER-OFFER-B1",
                                  "MARKER-OFFER-B3-WITH-A"},
    "steering": set(),
    # The administrator sees organisations and the audit log, offers' events
    # only once the offers are opened.
    "admin": ALL_MARKERS - {"MARKER-OFFER-A1", "MARKER-OFFER-B1",
                            "MARKER-OFFER-B3-WITH-A"},
}  # fmt: skip

ROLE_OF = {
    "marker-prov-a": "Provider",
    "marker-prov-b": "Provider",
    "marker-client-a": "Client",
    "marker-client-b": "Client",
    "coordinator": "Coordinator",
    "steering": "Steering group",
    "admin": "Admin",
}


def _start_urls(role: str) -> list[str]:
    screens = ROLE_SCREENS[role]
    urls = ["/users/userinfo/", "/api/v1/menu/"]
    if "can_list" in screens.get("OperatorUserView", ()):
        urls.append("/users/list/?psize_OperatorUserView=1000")
    for category in MENU:
        for item in category.items:
            name = item.view.__name__
            if "can_list" in screens.get(name, ()):
                urls.append(f"/{name.lower()}/list/?psize_{name}=1000")
            if "can_add" in screens.get(name, ()):
                urls.append(f"/{name.lower()}/add")
    return urls


def _crawl(client, role: str) -> dict[str, str]:
    """Every page reachable from the role's screens: lists, forms, and the show
    and edit pages they link to."""
    pages: dict[str, str] = {}
    queue = _start_urls(role)
    while queue and len(pages) < 1500:
        url = queue.pop()
        if url in pages:
            continue
        response = client.get(url)
        assert response.status_code < 500, url
        pages[url] = (
            response.get_data(as_text=True) if response.status_code == 200 else ""
        )
        queue.extend(link for link in LINK.findall(pages[url]) if link not in pages)
    return pages


def _client(app, username):
    client = app.test_client()
    password = PASSWORD if username.startswith("marker-") else None
    assert "/logout/" in login(client, username, password).text
    return client


@pytest.mark.parametrize("username", list(VISIBLE))
def test_no_page_shows_another_tenants_records(app, world, username):
    pages = _crawl(_client(app, username), ROLE_OF[username])
    forbidden = ALL_MARKERS - VISIBLE[username]

    leaks = sorted(
        (marker, url)
        for url, page in pages.items()
        for marker in forbidden
        if marker in page
    )

    assert leaks == []
    assert _links_to_hidden_offers(world, username, pages) == []
    seen = {
        marker for page in pages.values() for marker in ALL_MARKERS if marker in page
    }
    assert seen == VISIBLE[username] & ALL_MARKERS, "the user sees their own records"


OFFER_MARKERS = {
    "offer_a1": "MARKER-OFFER-A1",
    "offer_b1": "MARKER-OFFER-B1",
    "offer_b2": "MARKER-OFFER-B2",
    "offer_b3": "MARKER-OFFER-B3-WITH-A",
}


def _links_to_hidden_offers(world, username, pages) -> list:
    """Even a link to an offer the user may not see would tell it exists."""
    found = []
    for name, marker in OFFER_MARKERS.items():
        if marker in VISIBLE[username]:
            continue
        link = re.compile(rf"/offerview/(show|edit)/{world.ids[name]}(?!\d)")
        found += [(name, url) for url, page in pages.items() if link.search(page)]
    return found


def _offer_count() -> int:
    return db.session.scalar(db.select(db.func.count(Offer.id)))


def test_an_offer_cannot_name_another_provider_as_its_lead(app, world):
    client = _client(app, "marker-prov-a")
    with app.app_context():
        before = _offer_count()

    response = client.post(
        "/offerview/add",
        data={
            "request": world.ids["request_a"],
            "lead_provider": world.ids["prov_b"],
            "content": "Vieras tarjous",
            "price": "10",
            "vat_rate": "0",
            "valid_until": "2030-01-01",
            "version": "7",
            "status": "draft",
        },
    )

    assert response.status_code == 422, "not a choice the provider has"
    with app.app_context():
        assert _offer_count() == before


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_another_providers_offer_cannot_be_changed_or_deleted(app, world, action):
    client = _client(app, "marker-prov-a")

    response = client.post(
        f"/offerview/{action}/{world.ids['offer_b1']}", data={"content": "Muutettu"}
    )

    assert response.status_code == 404
    with app.app_context():
        offer = db.session.get(Offer, world.ids["offer_b1"])
        assert offer is not None and offer.content == "MARKER-OFFER-B1"


def test_a_consortium_member_reads_but_cannot_change_the_leads_offer(app, world):
    client = _client(app, "marker-prov-a")
    offer_id = world.ids["offer_b3"]
    assert client.get(f"/offerview/show/{offer_id}").status_code == 200

    response = client.post(f"/offerview/edit/{offer_id}", data={"content": "Muutettu"})

    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Offer, offer_id).content == "MARKER-OFFER-B3-WITH-A"


def test_a_provider_cannot_add_participants_to_a_delivery_it_does_not_lead(app, world):
    client = _client(app, "marker-prov-a")
    with app.app_context():
        before = db.session.scalar(db.select(db.func.count(Participant.id)))

    response = client.post(
        "/participantview/add",
        data={
            "contract": world.ids["contract"],
            "company": world.ids["prov_a"],
            "first_name": "Vieras",
            "last_name": "Osallistuja",
            "language": "fi",
        },
    )

    assert response.status_code in (403, 422)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Participant.id))) == before
