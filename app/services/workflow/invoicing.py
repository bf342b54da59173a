"""Invoicing a delivery: an invoice made from a milestone of the plan, and the
rule that all the invoices of a contract together (without VAT, cancelled ones
left out) never exceed the contract's value."""

from datetime import timedelta
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from app.extensions import db
from app.models import (
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    InvoicingMilestone,
    MilestoneStatus,
    ServiceContract,
)
from app.security.viewer import Viewer
from app.services.clock import local_now
from app.services.workflow.errors import TransitionRefusedError
from app.views.formatting import euros

PAYMENT_TERM = timedelta(days=14)


def invoiced_total(contract_id: int, leaving_out_line: int | None = None) -> Decimal:
    """The contract's invoiced amount without VAT, summed in the database."""
    query = (
        db.select(func.coalesce(func.sum(InvoiceLine.amount), 0))
        .join(InvoiceLine.invoice)
        .where(
            Invoice.contract_id == contract_id,
            Invoice.status != InvoiceStatus.cancelled,
        )
    )
    if leaving_out_line is not None:
        query = query.where(InvoiceLine.id != leaving_out_line)
    return Decimal(db.session.scalar(query))


def refuse_above_value(
    contract: ServiceContract, adding: Decimal, leaving_out_line: int | None = None
) -> None:
    already = invoiced_total(contract.id, leaving_out_line)
    if already + Decimal(adding) > contract.value:
        raise TransitionRefusedError(
            _l(
                "The invoices would exceed the contract value %(value)s: "
                "%(already)s is invoiced already, so at most %(left)s can be added.",
                value=euros(contract.value),
                already=euros(already),
                left=euros(max(contract.value - already, Decimal("0"))),
            )
        )


def invoice_milestone(milestone: InvoicingMilestone, viewer: Viewer) -> Invoice:
    """A draft invoice of the milestone to the first client company, with the
    milestone's amount and VAT rate as its one line."""
    if milestone.invoicing_status is not MilestoneStatus.open:
        raise TransitionRefusedError(_l("This milestone has been invoiced already."))
    contract = milestone.plan.contract
    refuse_above_value(contract, milestone.amount)
    today = local_now().date()
    count = db.session.scalar(
        db.select(func.count(Invoice.id)).where(Invoice.contract_id == contract.id)
    )
    invoice = Invoice(
        number=f"{contract.number}-{count + 1}",
        contract=contract,
        milestone=milestone,
        company=contract.offer.request.client_companies[0],
        kind=milestone.kind,
        issued_on=today,
        due_on=today + PAYMENT_TERM,
        status=InvoiceStatus.draft,
    )
    invoice.lines.append(
        InvoiceLine(
            description=milestone.description,
            amount=milestone.amount,
            vat_rate=milestone.vat_rate,
        )
    )
    db.session.add(invoice)
    return invoice
