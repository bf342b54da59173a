"""How long the path takes: the median number of days from each step to the
next, over the steps completed in the period. Days are counted between
calendar dates, and the median is taken in the database with window
functions, the same way on SQLite and PostgreSQL."""

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, cast, func, select

from app.extensions import db
from app.models import (
    ClosingReport,
    Lead,
    NeedsAssessment,
    Offer,
    RequestForQuotation,
    ServiceContract,
)
from app.models.quotations import request_needs_assessment
from app.services.metrics.period import Period


@dataclass
class StepDuration:
    label: object
    count: int
    median_days: Decimal | None


def days_between(later, earlier):
    """Whole days from one date or time to another, in SQL."""
    if db.session.get_bind().dialect.name == "sqlite":
        return func.julianday(func.date(later)) - func.julianday(func.date(earlier))
    return cast(later, Date) - cast(earlier, Date)


def _median(days, query) -> tuple[int, Decimal | None]:
    values = query.add_columns(days.label("days")).subquery()
    ranked = select(
        values.c.days,
        func.row_number().over(order_by=values.c.days).label("place"),
        func.count().over().label("total"),
    ).subquery()
    count, middle = db.session.execute(
        select(func.max(ranked.c.total), func.avg(ranked.c.days)).where(
            ranked.c.place.in_([(ranked.c.total + 1) // 2, (ranked.c.total + 2) // 2])
        )
    ).one()
    if not count:
        return 0, None
    return count, Decimal(str(middle)).quantize(Decimal("0.1"))


def step_durations(period: Period) -> list[StepDuration]:
    request_by_need = request_needs_assessment
    steps = [
        (
            _l("Lead to needs assessment"),
            days_between(NeedsAssessment.assessed_on, Lead.created_on),
            select()
            .select_from(NeedsAssessment)
            .join(Lead, Lead.id == NeedsAssessment.lead_id)
            .where(period.holds(NeedsAssessment.assessed_on)),
        ),
        (
            _l("Needs assessment to published request"),
            days_between(RequestForQuotation.published_on, NeedsAssessment.assessed_on),
            select()
            .select_from(RequestForQuotation)
            .join(
                request_by_need, request_by_need.c.request_id == RequestForQuotation.id
            )
            .join(
                NeedsAssessment,
                NeedsAssessment.id == request_by_need.c.needs_assessment_id,
            )
            .where(period.holds(RequestForQuotation.published_on)),
        ),
        (
            _l("Published request to contract"),
            days_between(ServiceContract.signed_on, RequestForQuotation.published_on),
            select()
            .select_from(ServiceContract)
            .join(Offer, Offer.id == ServiceContract.offer_id)
            .join(RequestForQuotation, RequestForQuotation.id == Offer.request_id)
            .where(
                period.holds(ServiceContract.signed_on),
                RequestForQuotation.published_on.is_not(None),
            ),
        ),
        (
            _l("Contract to the start of the training"),
            days_between(ServiceContract.start_date, ServiceContract.signed_on),
            select()
            .select_from(ServiceContract)
            .where(period.holds(ServiceContract.start_date)),
        ),
        (
            _l("Start of the training to the reviewed closing report"),
            days_between(ClosingReport.reviewed_on, ServiceContract.start_date),
            select()
            .select_from(ClosingReport)
            .join(ServiceContract, ServiceContract.id == ClosingReport.contract_id)
            .where(period.holds(ClosingReport.reviewed_on)),
        ),
    ]
    return [StepDuration(label, *_median(days, query)) for label, days, query in steps]
