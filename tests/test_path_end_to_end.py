"""The service path from a lead to a service contract, walked through the app's
own routes as the real roles, with the emails arriving at a real SMTP server."""

from datetime import datetime, timedelta

from app.extensions import db
from app.models import (
    ConsortiumMember,
    Lead,
    LeadStatus,
    NeedsAssessment,
    Offer,
    OfferStatus,
    Organisation,
    RequestDistribution,
    RequestForQuotation,
    RequestQuestion,
    RequestStatus,
    ServiceContract,
    ServiceEntity,
)


def _one(app, model, **filters):
    with app.app_context():
        record = db.session.scalars(db.select(model).filter_by(**filters)).one()
        db.session.expunge(record)
        return record


def _org(app, username) -> int:
    with app.app_context():
        return app.appbuilder.sm.find_user(username=username).organisation_id


def test_from_a_lead_to_a_service_contract(app, client_as, inbox):
    coordinator = client_as("coordinator")
    company = _org(app, "client1")
    entity = _one(app, ServiceEntity, name="Digitaidot ja tekoäly työssä")

    # Step 1: the lead, contacted and qualified.
    assert (
        coordinator.post(
            "/leadview/add",
            data={"company": company, "source": "campus", "description": "E2E-LIIDI"},
        ).status_code
        == 302
    )
    lead = _one(app, Lead, description="E2E-LIIDI")
    coordinator.post(f"/leadview/action/mark_contacted/{lead.id}")
    coordinator.post(f"/leadview/action/qualify/{lead.id}")
    assert _one(app, Lead, id=lead.id).status is LeadStatus.qualified

    # Step 2: the needs assessment and the request for quotation.
    assert (
        coordinator.post(
            "/needsassessmentview/add",
            data={
                "company": company,
                "lead": lead.id,
                "assessed_on": "2026-12-01",
                "competence_needs": "E2E-TARVE: tekoälyavustajat",
                "service_entities": entity.id,
                "people_count": "12",
                "status": "open",
            },
        ).status_code
        == 302
    )
    need = _one(app, NeedsAssessment, competence_needs="E2E-TARVE: tekoälyavustajat")
    deadline = datetime.now() + timedelta(days=7)
    assert (
        coordinator.post(
            "/requestforquotationview/add",
            data={
                "reference": "TP-E2E-1",
                "title": "Tekoälyavustajat konepajassa",
                "client_companies": company,
                "needs_assessments": need.id,
                "service_entities": entity.id,
                "description": "Kaksitoista henkilöä, kevät.",
                "expertise_sought": "Tekoäly ja tietoturva",
                "sought_delivery": "either",
                "offer_deadline": deadline.strftime("%Y-%m-%d %H:%M:%S"),
            },
        ).status_code
        == 302
    )
    request = _one(app, RequestForQuotation, reference="TP-E2E-1")

    # Step 3: published to the pool, one email per provider contact.
    coordinator.post(f"/requestforquotationview/action/publish/{request.id}")
    published = [m for m in inbox.messages if "TP-E2E-1" in m["Subject"]]
    assert len(published) >= 6

    # Step 4: a question and its answer, a consortium offer, a decline.
    provider1, provider2 = client_as("provider1"), client_as("provider2")
    provider1.post(
        "/requestquestionview/add",
        data={"request": request.id, "question": "Onko ryhmiä kaksi?"},
    )
    question = _one(app, RequestQuestion, question="Onko ryhmiä kaksi?")
    coordinator.post(
        f"/requestquestionview/edit/{question.id}",
        data={"question": question.question, "answer": "Kaksi kuuden hengen ryhmää."},
    )
    coordinator.post(f"/requestquestionview/action/publish_answer/{question.id}")
    assert "Kaksi kuuden" in provider2.get(
        f"/requestquestionview/show/{question.id}"
    ).get_data(as_text=True)

    provider1.post(
        "/offerview/add",
        data={
            "request": request.id,
            "lead_provider": _org(app, "provider1"),
            "content": "E2E-TARJOUS",
            "price": "12400",
            "vat_rate": "0",
            "valid_until": "2031-06-30",
        },
    )
    offer = _one(app, Offer, content="E2E-TARJOUS")
    provider1.post(
        "/consortiummemberview/add",
        data={
            "offer": offer.id,
            "provider": _org(app, "provider2"),
            "part": "Tietoturvaosuus",
            "share_percent": "35",
        },
    )
    member = _one(app, ConsortiumMember, offer_id=offer.id)
    provider2.post(f"/consortiummemberview/action/confirm/{member.id}")
    provider1.post(f"/offerview/action/submit/{offer.id}")
    assert _one(app, Offer, id=offer.id).status is OfferStatus.submitted

    third = _one(app, Organisation, name="Aviapolis Akatemia Oy")
    with app.app_context():
        distribution = db.session.scalars(
            db.select(RequestDistribution).filter_by(
                request_id=request.id, provider_id=third.id
            )
        ).one()
        distribution.decline_reason = "Ei kapasiteettia."
        db.session.commit()
        distribution_id = distribution.id
    # The third provider has no demo login; its decline is taken as the system
    # does it for a provider without an account.
    from app.security.viewer import SYSTEM
    from app.services.workflow import offers as steps

    with app.app_context():
        steps.decline(db.session.get(RequestDistribution, distribution_id), SYSTEM)
        db.session.commit()

    # Step 5: after the deadline the client accepts; a contract follows.
    client = client_as("client1")
    assert client.get(f"/offerview/show/{offer.id}").status_code == 404, "sealed"
    with app.app_context():
        db.session.get(RequestForQuotation, request.id).offer_deadline = (
            datetime.now() - timedelta(minutes=1)
        )
        db.session.commit()
    assert client.get(f"/offerview/show/{offer.id}").status_code == 200
    client.post(f"/offerview/action/accept/{offer.id}")

    contract = _one(app, ServiceContract, offer_id=offer.id)
    assert _one(app, RequestForQuotation, id=request.id).status is RequestStatus.awarded
    for user in (client, provider1, provider2, coordinator):
        assert user.get(f"/servicecontractview/show/{contract.id}").status_code == 200
    accepted_mail = [m for m in inbox.messages if "hyväksyttiin" in m["Subject"]]
    assert {m["To"] for m in accepted_mail} >= {"minna.heikkinen@example.com"}
    assert {m["To"] for m in accepted_mail} >= {"petri.salonen@example.com"}

    timeline = coordinator.get(f"/requestforquotationview/show/{request.id}").text
    for event in ("Julkaistu", "Kysymys: Onko ryhmiä kaksi?", "Ratkaistu"):
        assert event in timeline
