"""Publishing and cancelling requests for quotation, with the emails that a real
SMTP server receives, and leads qualified or dropped through their actions."""

from datetime import datetime, timedelta

from app.extensions import db
from app.mail.outbox import deliver_pending
from app.models import (
    ContactPerson,
    Lead,
    LeadStatus,
    Organisation,
    OrganisationKind,
    OutboxMessage,
    OutboxStatus,
    RequestDistribution,
    RequestForQuotation,
    RequestStatus,
)
from app.models.history import utc_now
from app.services.workflow.requests import active_pool
from tests.smtp import body_of, start_smtp_server


def _draft(app, coordinator, reference: str) -> int:
    with app.app_context():
        client_id = db.session.scalar(
            db.select(Organisation.id).filter_by(business_id="3100371-4")
        )
    deadline = datetime.now() + timedelta(days=14)
    response = coordinator.post(
        "/requestforquotationview/add",
        data={
            "reference": reference,
            "title": "Työturvallisuuskortti asentajille",
            "client_companies": client_id,
            "description": "Kahdeksan asentajaa, kevät.",
            "expertise_sought": "Työturvallisuuskouluttaja",
            "sought_delivery": "either",
            "offer_deadline": deadline.strftime("%Y-%m-%d %H:%M:%S"),
        },
    )
    assert response.status_code == 302
    with app.app_context():
        return db.session.scalar(
            db.select(RequestForQuotation.id).filter_by(reference=reference)
        )


def _pool_contacts(app) -> list[tuple[str, str]]:
    with app.app_context():
        pool = [provider.id for provider in active_pool()]
        return list(
            db.session.execute(
                db.select(ContactPerson.email, ContactPerson.first_name).where(
                    ContactPerson.organisation_id.in_(pool),
                    ContactPerson.receives_requests.is_(True),
                    ContactPerson.is_active.is_(True),
                )
            )
        )


def _flash_of(client) -> str:
    return client.get("/").get_data(as_text=True)


def test_publishing_sends_the_request_to_every_provider_of_the_pool(
    app, coordinator, inbox
):
    request_id = _draft(app, coordinator, "TP-JULK-1")
    contacts = _pool_contacts(app)
    assert len(contacts) >= 6

    response = coordinator.post(f"/requestforquotationview/action/publish/{request_id}")

    assert response.status_code == 302
    assert "Tarjouspyyntö lähetettiin kouluttajapoolille." in _flash_of(coordinator)
    with app.app_context():
        request = db.session.get(RequestForQuotation, request_id)
        assert request.status is RequestStatus.published
        assert request.published_on is not None
        distributed = {d.provider_id for d in request.distributions}
        assert distributed == {provider.id for provider in active_pool()}
    # Messages left waiting by earlier steps may arrive too; these are ours.
    ours = [m for m in inbox.messages if "TP-JULK-1" in m["Subject"]]
    assert sorted(m["To"] for m in ours) == sorted(e for e, _ in contacts)
    for address, first_name in contacts:
        (message,) = [m for m in ours if m["To"] == address]
        assert message["Subject"] == (
            "Tarjouspyyntö TP-JULK-1: Työturvallisuuskortti asentajille"
        )
        body = body_of(message)
        assert f"Hei {first_name}," in body
        link = f"https://operaattori.example/requestforquotationview/show/{request_id}"
        assert link in body
        assert message["Message-ID"].startswith("<outbox-")


def test_a_request_is_published_only_once(app, coordinator, inbox):
    request_id = _draft(app, coordinator, "TP-JULK-2")
    coordinator.post(f"/requestforquotationview/action/publish/{request_id}")
    received = len(inbox.messages)

    coordinator.post(f"/requestforquotationview/action/publish/{request_id}")

    assert "Vain luonnos voidaan julkaista." in _flash_of(coordinator)
    assert len(inbox.messages) == received
    with app.app_context():
        distributions = db.session.scalar(
            db.select(db.func.count(RequestDistribution.id)).filter_by(
                request_id=request_id
            )
        )
        pool = len(active_pool())
    assert distributions == pool, "each provider of the pool once"


def test_a_provider_cannot_publish(app, coordinator, client_as, inbox):
    request_id = _draft(app, coordinator, "TP-JULK-3")
    response = client_as("provider1").post(
        f"/requestforquotationview/action/publish/{request_id}"
    )
    assert response.status_code in (403, 404)
    with app.app_context():
        assert db.session.get(RequestForQuotation, request_id).status is (
            RequestStatus.draft
        )
    assert inbox.messages == []


def test_a_mail_server_down_never_undoes_the_publication(app, coordinator, sending):
    request_id = _draft(app, coordinator, "TP-JULK-4")

    response = coordinator.post(f"/requestforquotationview/action/publish/{request_id}")

    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(RequestForQuotation, request_id).status is (
            RequestStatus.published
        )
        waiting = db.session.scalars(
            db.select(OutboxMessage).filter_by(request_id=request_id)
        ).all()
        assert waiting and all(m.status is OutboxStatus.pending for m in waiting)
        assert all(m.last_error for m in waiting)

    controller, inbox = start_smtp_server(sending)
    ids = [message.id for message in waiting]
    try:
        with app.app_context():
            deliver_pending(limit=10_000)
            assert _statuses(ids) == {OutboxStatus.pending}, "not before the delay"
            deliver_pending(limit=10_000, now=utc_now() + timedelta(minutes=2))
            assert _statuses(ids) == {OutboxStatus.sent}
        assert {m["To"] for m in inbox.messages} >= {m.recipient for m in waiting}
    finally:
        controller.stop()


def _statuses(ids) -> set:
    return set(
        db.session.scalars(
            db.select(OutboxMessage.status).where(OutboxMessage.id.in_(ids))
        )
    )


def test_cancelling_tells_the_providers_and_happens_once(app, coordinator, inbox):
    request_id = _draft(app, coordinator, "TP-PERU-1")
    coordinator.post(f"/requestforquotationview/action/publish/{request_id}")
    published = len(inbox.messages)

    coordinator.post(f"/requestforquotationview/action/cancel/{request_id}")
    coordinator.post(f"/requestforquotationview/action/cancel/{request_id}")

    cancellations = inbox.messages[published:]
    ours = [m for m in inbox.messages[:published] if "TP-PERU-1" in m["Subject"]]
    assert len(cancellations) == len(ours)
    assert all(
        m["Subject"] == "Peruttu: tarjouspyyntö TP-PERU-1" for m in cancellations
    )
    with app.app_context():
        assert db.session.get(RequestForQuotation, request_id).status is (
            RequestStatus.cancelled
        )


def test_the_status_of_a_request_is_not_on_its_form(coordinator):
    page = coordinator.get("/requestforquotationview/add").get_data(as_text=True)
    assert 'name="status"' not in page


def _open_lead(app) -> int:
    with app.app_context():
        company = db.session.scalars(
            db.select(Organisation).filter_by(kind=OrganisationKind.client)
        ).first()
        lead = Lead(company=company, source="phone")
        db.session.add(lead)
        db.session.commit()
        return lead.id


def _lead_status(app, lead_id):
    with app.app_context():
        return db.session.get(Lead, lead_id).status


def test_a_lead_is_contacted_then_qualified(app, coordinator):
    lead_id = _open_lead(app)

    coordinator.post(f"/leadview/action/mark_contacted/{lead_id}")
    assert _lead_status(app, lead_id) is LeadStatus.contacted
    coordinator.post(f"/leadview/action/qualify/{lead_id}")
    assert _lead_status(app, lead_id) is LeadStatus.qualified

    coordinator.post(f"/leadview/action/drop/{lead_id}")
    assert _lead_status(app, lead_id) is LeadStatus.qualified
    assert "Vain avoimen liidin voi hylätä." in _flash_of(coordinator)


def test_a_lead_is_dropped_only_with_a_reason(app, coordinator):
    lead_id = _open_lead(app)

    coordinator.post(f"/leadview/action/drop/{lead_id}")
    assert _lead_status(app, lead_id) is LeadStatus.new
    assert "Kirjoita ensin hylkäämisen syy" in _flash_of(coordinator)

    with app.app_context():
        db.session.get(Lead, lead_id).drop_reason = "Ei tarvetta nyt."
        db.session.commit()
    coordinator.post(f"/leadview/action/drop/{lead_id}")
    assert _lead_status(app, lead_id) is LeadStatus.dropped


def test_the_show_page_offers_only_the_steps_possible_now(app, coordinator):
    request_id = _draft(app, coordinator, "TP-NAPIT-1")
    url = f"/requestforquotationview/show/{request_id}"
    draft_page = coordinator.get(url).get_data(as_text=True)
    assert "/action/publish/" in draft_page
    assert "/action/cancel/" in draft_page

    coordinator.post(f"/requestforquotationview/action/cancel/{request_id}")

    cancelled_page = coordinator.get(url).get_data(as_text=True)
    assert "/action/publish/" not in cancelled_page
    assert "/action/cancel/" not in cancelled_page
