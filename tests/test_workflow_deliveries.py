"""A delivery from the signed contract to its close and follow-up, each step
taken by the role that owns it, and refused while its conditions are unmet."""

from datetime import datetime, timedelta

from app.extensions import db
from app.models import (
    ClosingReport,
    ContractStatus,
    ImplementationPlan,
    Lead,
    LeadSource,
    ReportStatus,
    ServiceContract,
)
from tests.test_workflow_offers import _flash, _move_deadline, _two_submitted_offers


def _contract(app, client_as) -> int:
    request_id, winner_id, _other = _two_submitted_offers(app, client_as)
    _move_deadline(app, request_id, days=-1)
    client_as("client1").post(f"/offerview/action/accept/{winner_id}")
    with app.app_context():
        return db.session.scalar(
            db.select(ServiceContract.id).filter_by(offer_id=winner_id)
        )


def _status(app, contract_id):
    with app.app_context():
        return db.session.get(ServiceContract, contract_id).status


def test_a_delivery_is_prepared_delivered_closed_and_followed_up(app, client_as, inbox):
    contract_id = _contract(app, client_as)
    lead, coordinator = client_as("provider1"), client_as("coordinator")
    url = f"/servicecontractview/action/{{}}/{contract_id}"

    lead.post(url.format("prepare"))
    assert "Tee ensin toteutussuunnitelma" in _flash(lead)
    assert (
        lead.post(
            "/implementationplanview/add",
            data={
                "contract": contract_id,
                "competence_goals": "Osaa käyttää tekoälyavustajaa turvallisesti.",
                "contents": "Kaksi lähipäivää.",
                "status": "draft",
            },
        ).status_code
        == 302
    )
    lead.post(url.format("prepare"))
    assert _status(app, contract_id) is ContractStatus.in_preparation

    lead.post(url.format("start"))
    assert "suunnitelman on oltava sovittu" in _flash(lead).lower()
    with app.app_context():
        plan_id = db.session.scalar(
            db.select(ImplementationPlan.id).filter_by(contract_id=contract_id)
        )
    lead.post(
        f"/implementationplanview/edit/{plan_id}",
        data={
            "contract": contract_id,
            "competence_goals": "Osaa käyttää tekoälyavustajaa turvallisesti.",
            "contents": "Kaksi lähipäivää.",
            "status": "agreed",
        },
    )
    starts = datetime.now() - timedelta(days=2)
    assert (
        lead.post(
            "/trainingsessionview/add",
            data={
                "plan": plan_id,
                "topic": "Lähipäivä 1",
                "starts_at": starts.strftime("%Y-%m-%d %H:%M:%S"),
                "ends_at": (starts + timedelta(hours=6)).strftime("%Y-%m-%d %H:%M:%S"),
            },
        ).status_code
        == 302
    )
    lead.post(url.format("start"))
    assert _status(app, contract_id) is ContractStatus.in_delivery
    told = [m for m in inbox.messages if m["To"] == "timo.peltola@example.com"]
    assert any(m["Subject"].endswith(": Toteutuksessa") for m in told), "client told"
    lead.post(url.format("deliver"))
    assert _status(app, contract_id) is ContractStatus.delivered

    coordinator.post(url.format("close"))
    assert "Käy loppuraportti" in _flash(coordinator)
    lead.post(
        "/closingreportview/add",
        data={
            "contract": contract_id,
            "summary": "Toteutui.",
            "follow_up_needs": "Jatkokurssi syksyllä.",
        },
    )
    with app.app_context():
        report_id = db.session.scalar(
            db.select(ClosingReport.id).filter_by(contract_id=contract_id)
        )
    coordinator.post(f"/closingreportview/action/review_report/{report_id}")
    assert "Vain jätetyn raportin" in _flash(coordinator)
    lead.post(f"/closingreportview/action/submit_report/{report_id}")
    coordinator.post(f"/closingreportview/action/review_report/{report_id}")
    with app.app_context():
        assert db.session.get(ClosingReport, report_id).status is ReportStatus.reviewed
    coordinator.post(url.format("close"))
    assert _status(app, contract_id) is ContractStatus.closed

    coordinator.post(url.format("follow_up"))
    coordinator.post(url.format("follow_up"))
    with app.app_context():
        number = db.session.get(ServiceContract, contract_id).number
        leads = db.session.scalars(
            db.select(Lead).where(
                Lead.source == LeadSource.follow_up, Lead.description.contains(number)
            )
        ).all()
    assert len(leads) == 1
    assert "Jatkokurssi syksyllä." in leads[0].description


def test_only_the_lead_provider_moves_the_delivery(app, client_as):
    contract_id = _contract(app, client_as)
    member = client_as("provider2")

    response = member.post(f"/servicecontractview/action/prepare/{contract_id}")

    assert response.status_code in (302, 403, 404)
    assert _status(app, contract_id) is ContractStatus.signed
