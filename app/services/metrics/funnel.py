"""The funnel from leads to closed services, with the conversion from each
step to the next."""

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    ClosingReport,
    ContractStatus,
    Lead,
    NeedsAssessment,
    Offer,
    RequestForQuotation,
    ServiceContract,
)
from app.services.metrics.period import Period, ratio

STARTED = [ContractStatus.in_delivery, ContractStatus.delivered, ContractStatus.closed]


@dataclass
class FunnelStep:
    key: str
    label: object
    count: int
    conversion: Decimal | None  # from the step before


def _count(query) -> int:
    return db.session.scalar(select(func.count()).select_from(query.subquery()))


def funnel(period: Period) -> list[FunnelStep]:
    """Leads received, needs assessed, requests published, offers submitted
    (one per provider and request), contracts signed, deliveries started and
    services closed in the period."""
    counts = [
        ("leads", _l("Leads"), select(Lead.id).where(period.holds(Lead.created_on))),
        (
            "needs",
            _l("Needs assessments"),
            select(NeedsAssessment.id).where(period.holds(NeedsAssessment.assessed_on)),
        ),
        (
            "requests",
            _l("Requests for quotation"),
            select(RequestForQuotation.id).where(
                period.holds(RequestForQuotation.published_on)
            ),
        ),
        (
            "offers",
            _l("Offers"),
            select(Offer.request_id, Offer.lead_provider_id)
            .where(period.holds(Offer.submitted_on))
            .distinct(),
        ),
        (
            "contracts",
            _l("Service contracts"),
            select(ServiceContract.id).where(period.holds(ServiceContract.signed_on)),
        ),
        (
            "deliveries",
            _l("Deliveries started"),
            select(ServiceContract.id).where(
                period.holds(ServiceContract.start_date),
                ServiceContract.status.in_(STARTED),
            ),
        ),
        (
            "closed",
            _l("Closed services"),
            select(ClosingReport.id)
            .join(ClosingReport.contract)
            .where(
                period.holds(ClosingReport.reviewed_on),
                ServiceContract.status == ContractStatus.closed,
            ),
        ),
    ]
    steps, before = [], None
    for key, label, query in counts:
        count = _count(query)
        steps.append(
            FunnelStep(
                key, label, count, None if before is None else ratio(count, before)
            )
        )
        before = count
    return steps
