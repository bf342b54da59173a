"""Deliveries (steps 6–8): a service contract is prepared, delivered and
closed, then the coordinator maps the client's follow-up needs, which starts
the path again with a new lead."""

import logging

from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import (
    ContractStatus,
    ImplementationPlan,
    Lead,
    LeadSource,
    LeadStatus,
    PlanStatus,
    ReportStatus,
    ServiceContract,
    TrainingSession,
)
from app.security.viewer import Viewer
from app.services.clock import local_now
from app.services.workflow import announcements
from app.services.workflow.errors import TransitionRefusedError

logger = logging.getLogger(__name__)


def _require_lead_provider(contract: ServiceContract, viewer: Viewer) -> None:
    if (
        not viewer.is_system
        and contract.offer.lead_provider_id != viewer.organisation_id
    ):
        raise TransitionRefusedError(
            _l("Only the lead provider of the delivery can do this.")
        )


def _require_status(contract: ServiceContract, expected: ContractStatus) -> None:
    if contract.status is not expected:
        raise TransitionRefusedError(
            _l(
                "This step needs the contract to be %(expected)s; it is %(status)s.",
                expected=expected,
                status=contract.status,
            )
        )


def _plan_of(contract: ServiceContract) -> ImplementationPlan | None:
    return db.session.scalars(
        db.select(ImplementationPlan).filter_by(contract_id=contract.id)
    ).first()


def prepare(contract: ServiceContract, viewer: Viewer) -> None:
    """Start preparing: the lead provider has drafted the implementation plan."""
    _require_lead_provider(contract, viewer)
    _require_status(contract, ContractStatus.signed)
    if _plan_of(contract) is None:
        raise TransitionRefusedError(
            _l("Make the implementation plan first, then start preparing.")
        )
    contract.status = ContractStatus.in_preparation


def start(contract: ServiceContract, viewer: Viewer) -> None:
    """Start the delivery once the plan is agreed and has sessions."""
    _require_lead_provider(contract, viewer)
    _require_status(contract, ContractStatus.in_preparation)
    plan = _plan_of(contract)
    if plan is None or plan.status is not PlanStatus.agreed or not plan.sessions:
        raise TransitionRefusedError(
            _l("The plan must be agreed with the client and have sessions first.")
        )
    contract.status = ContractStatus.in_delivery
    announcements.delivery_moved(contract)


def deliver(contract: ServiceContract, viewer: Viewer) -> None:
    """Mark the training delivered after its last session."""
    _require_lead_provider(contract, viewer)
    _require_status(contract, ContractStatus.in_delivery)
    last_end = db.session.scalar(
        db.select(db.func.max(TrainingSession.ends_at)).where(
            TrainingSession.plan.has(ImplementationPlan.contract_id == contract.id)
        )
    )
    if last_end is None or last_end > local_now():
        raise TransitionRefusedError(
            _l("The training is delivered only after its last session.")
        )
    contract.status = ContractStatus.delivered
    announcements.delivery_moved(contract)


def close(contract: ServiceContract, viewer: Viewer) -> None:
    """Close the service once its closing report is reviewed with the
    coordinator."""
    _require_status(contract, ContractStatus.delivered)
    report = contract.closing_report
    if report is None or report.status is not ReportStatus.reviewed:
        raise TransitionRefusedError(
            _l("Review the closing report with the lead provider first, then close.")
        )
    contract.status = ContractStatus.closed
    contract.closed_on = local_now().date()
    announcements.delivery_moved(contract)
    logger.info("Contract %s closed by user %s", contract.id, viewer.user_id)


def follow_up(contract: ServiceContract, viewer: Viewer) -> list[Lead]:
    """Open a follow-up lead for each client company of a closed service."""
    _require_status(contract, ContractStatus.closed)
    marker = f"[{contract.number}]"
    existing = db.session.scalar(
        db.select(Lead.id).where(
            Lead.source == LeadSource.follow_up, Lead.description.contains(marker)
        )
    )
    if existing is not None:
        raise TransitionRefusedError(_l("The follow-up has already been started."))
    needs = (contract.closing_report.follow_up_needs or "").strip()
    leads = []
    for company in contract.offer.request.client_companies:
        lead = Lead(
            company=company,
            source=LeadSource.follow_up,
            status=LeadStatus.new,
            owner_id=viewer.user_id,
            next_follow_up_on=local_now().date(),
            description=f"{marker} {needs}".strip(),
        )
        db.session.add(lead)
        leads.append(lead)
    db.session.flush()
    return leads
