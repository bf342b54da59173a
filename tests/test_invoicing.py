"""Invoicing and commission through the app's routes: an invoice made from a
milestone, lines with their VAT rates and the sums, the contract value as the
ceiling of all invoices together, and the commission from the most specific
rule."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.extensions import db
from app.models import (
    CommissionRule,
    ContractStatus,
    ImplementationPlan,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    InvoicingMilestone,
    MilestoneStatus,
    RequestForQuotation,
    ServiceContract,
    ServiceEntity,
)
from app.services import commission
from tests.conftest import visible_text
from tests.path_records import new_contract
from tests.test_workflow_offers import _flash


@pytest.fixture
def milestones(app):
    """A 5 000 € contract led by provider1, with an interim milestone of
    2 000 € (VAT-exempt) and a final one of 3 000 €."""
    case = new_contract(
        app,
        signed_on=date.today(),
        status=ContractStatus.in_delivery,
        provider_login="provider1",
    )
    with app.app_context():
        plan = ImplementationPlan(
            contract_id=case.contract_id, competence_goals="T", contents="S"
        )
        for kind, amount in ((InvoiceKind.interim, 2000), (InvoiceKind.final, 3000)):
            plan.invoicing_milestones.append(
                InvoicingMilestone(
                    kind=kind,
                    description=f"Erä {kind.name}",
                    due_on=date.today() + timedelta(days=10),
                    amount=Decimal(amount),
                    vat_rate=Decimal("0"),
                )
            )
        db.session.add(plan)
        db.session.commit()
        return case, [m.id for m in plan.invoicing_milestones]


def _make_invoice(client, milestone_id):
    return client.post(
        f"/invoicingmilestoneview/action/invoice_milestone/{milestone_id}"
    )


def _add_line(client, invoice_id, description, amount, vat_rate):
    return client.post(
        "/invoicelineview/add",
        data={
            "invoice": invoice_id,
            "description": description,
            "amount": amount,
            "vat_rate": vat_rate,
        },
    )


def _invoice_of(app, milestone_id) -> dict:
    with app.app_context():
        invoices = db.session.scalars(
            db.select(Invoice).filter_by(milestone_id=milestone_id)
        ).all()
        return [
            {
                "id": invoice.id,
                "net": invoice.net_total,
                "vat": invoice.vat_total,
                "gross": invoice.gross_total,
                "status": invoice.status,
                "milestone": invoice.milestone.invoicing_status,
            }
            for invoice in invoices
        ]


def test_a_milestone_becomes_a_draft_invoice_once(app, client_as, milestones):
    _case, (interim, _final) = milestones
    provider = client_as("provider1")

    response = provider.post(
        f"/invoicingmilestoneview/action/invoice_milestone/{interim}"
    )
    again = provider.post(f"/invoicingmilestoneview/action/invoice_milestone/{interim}")

    (invoice,) = _invoice_of(app, interim)
    assert response.headers["Location"].endswith(f"/invoiceview/show/{invoice['id']}")
    assert invoice["net"] == Decimal("2000.00") and invoice["vat"] == 0
    assert invoice["status"] is InvoiceStatus.draft
    assert invoice["milestone"] is MilestoneStatus.invoiced
    assert again.status_code == 302
    assert "laskutettu jo" in _flash(provider)


def test_lines_carry_their_own_vat_and_the_sums_follow(app, client_as, milestones):
    _case, (interim, _final) = milestones
    provider = client_as("provider1")
    _make_invoice(provider, interim)
    (invoice,) = _invoice_of(app, interim)

    response = _add_line(provider, invoice["id"], "Oppimateriaalit", "200", "25.5")

    assert response.status_code == 302
    (invoice,) = _invoice_of(app, interim)
    assert invoice["net"] == Decimal("2200.00")
    assert invoice["vat"] == Decimal("51.00")
    assert invoice["gross"] == Decimal("2251.00")
    page = visible_text(
        provider.get(f"/invoiceview/show/{invoice['id']}").get_data(as_text=True)
    )
    # visible_text turns the non-breaking spaces into plain ones
    assert "2 251,00 €" in page and "51,00 €" in page


def test_invoices_cannot_exceed_the_contract_value_together(app, client_as, milestones):
    _case, (interim, final) = milestones
    provider = client_as("provider1")
    _make_invoice(provider, interim)
    _make_invoice(provider, final)
    (first,) = _invoice_of(app, interim)

    too_much = _add_line(provider, first["id"], "Lisätyö", "0.01", "0")

    assert too_much.status_code == 422
    text = visible_text(too_much.get_data(as_text=True))
    assert "ylittäisivät sopimuksen arvon 5 000,00 €" in text
    assert "enintään 0,00 €" in text
    with app.app_context():
        assert not db.session.scalar(
            db.select(InvoiceLine.id).filter_by(description="Lisätyö")
        )
        line_id = db.session.scalar(
            db.select(InvoiceLine.id).filter_by(invoice_id=first["id"])
        )
    lowered = provider.post(
        f"/invoicelineview/edit/{line_id}",
        data={
            "invoice": first["id"],
            "description": "Erä interim",
            "amount": "1999",
            "vat_rate": "0",
        },
    )
    assert lowered.status_code == 302, "a line's own amount is left out of the check"


def test_a_cancelled_invoice_frees_its_amount(app, client_as, milestones):
    _case, (interim, final) = milestones
    provider = client_as("provider1")
    _make_invoice(provider, interim)
    _make_invoice(provider, final)
    with app.app_context():
        invoice = db.session.scalar(db.select(Invoice).filter_by(milestone_id=final))
        invoice.status = InvoiceStatus.cancelled
        db.session.commit()

    assert _invoice_of(app, final)[0]["milestone"] is MilestoneStatus.open
    response = provider.post(
        f"/invoicingmilestoneview/action/invoice_milestone/{final}"
    )
    assert "/invoiceview/show/" in response.headers["Location"]
    assert len(_invoice_of(app, final)) == 2


@pytest.fixture
def rules(app):
    """Rules made for one provider and one service entity of the demo, so that
    they win over the demo's general rules only where they should."""
    with app.app_context():
        provider_id = app.appbuilder.sm.find_user(username="provider2").organisation_id
        entity = db.session.scalars(db.select(ServiceEntity)).first()
        made = [
            CommissionRule(
                name=name,
                percentage=Decimal(percent),
                provider_id=provider_id if for_provider else None,
                service_entity_id=entity.id if for_entity else None,
                valid_from=date(2026, 1, 1),
                valid_until=date(2026, 12, 31) if for_provider else None,
            )
            for name, percent, for_provider, for_entity in (
                ("Testi: palvelu", "4.5", False, True),
                ("Testi: toimittaja", "6", True, False),
                ("Testi: toimittaja ja palvelu", "7.25", True, True),
            )
        ]
        db.session.add_all(made)
        db.session.commit()
        yield provider_id, entity.id
        ids = [rule.id for rule in made]
        db.session.execute(
            db.update(ServiceContract)
            .where(ServiceContract.commission_rule_id.in_(ids))
            .values(commission_rule_id=None)
        )
        db.session.execute(db.delete(CommissionRule).where(CommissionRule.id.in_(ids)))
        db.session.commit()


@pytest.mark.parametrize(
    ("with_provider", "with_entity", "signed", "rule", "amount"),
    [
        (True, True, date(2026, 6, 1), "Testi: toimittaja ja palvelu", "725.00"),
        (True, False, date(2026, 6, 1), "Testi: toimittaja", "600.00"),
        (False, True, date(2026, 6, 1), "Testi: palvelu", "450.00"),
        (True, True, date(2027, 2, 1), "Testi: palvelu", "450.00"),
    ],
)
def test_the_most_specific_valid_rule_sets_the_commission(
    app, rules, with_provider, with_entity, signed, rule, amount
):
    provider_id, entity_id = rules
    case = new_contract(
        app,
        signed_on=signed,
        provider_login="provider2" if with_provider else None,
    )
    with app.app_context():
        contract = db.session.get(ServiceContract, case.contract_id)
        contract.value = Decimal("10000")
        request = db.session.get(RequestForQuotation, case.request_id)
        if with_entity:
            request.service_entities = [db.session.get(ServiceEntity, entity_id)]
        commission.apply(contract)
        db.session.commit()
        assert contract.commission_rule.name == rule
        assert contract.commission_amount == Decimal(amount)
        assert contract.offer.lead_provider_id == provider_id or not with_provider


def test_the_commission_shows_to_the_coordinator_and_not_to_the_client(
    app, client_as, coordinator
):
    with app.app_context():
        company_id = app.appbuilder.sm.find_user(username="client1").organisation_id
        contract = db.session.scalars(
            db.select(ServiceContract)
            .join(ServiceContract.offer)
            .join(RequestForQuotation)
            .where(
                RequestForQuotation.client_companies.any(id=company_id),
                ServiceContract.commission_amount.is_not(None),
            )
        ).first()
        contract_id, amount = contract.id, contract.commission_amount

    coordinator_page = coordinator.get(f"/servicecontractview/show/{contract_id}")
    client_page = client_as("client1").get(f"/servicecontractview/show/{contract_id}")

    assert client_page.status_code == 200
    euros = f"{amount:,.2f}".replace(",", " ").replace(".", ",") + " €"
    assert euros in visible_text(coordinator_page.get_data(as_text=True))
    assert "provisio" in visible_text(coordinator_page.get_data(as_text=True)).lower()
    client_text = visible_text(client_page.get_data(as_text=True)).lower()
    assert "provisio" not in client_text
