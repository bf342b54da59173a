"""Each result metric set at the pilot's kick-off, its value in the period and
its target. A metric's target is the one whose period overlaps the chosen
period the most (the latest among equals); targets are not pro-rated."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import case, distinct, func, select

from app.extensions import db
from app.models import (
    FeedbackAnswer,
    FeedbackValue,
    Metric,
    MetricTarget,
    Offer,
    QuestionKind,
    ServiceContract,
    SurveyQuestion,
)
from app.models.quotations import request_client_company
from app.services.metrics import funnel, providers
from app.services.metrics.period import Period, ratio


@dataclass
class MetricRow:
    metric: Metric
    value: Decimal | None
    target: Decimal | None

    @property
    def achieved(self) -> Decimal | None:
        """The value as a share of the target."""
        if self.value is None:
            return None
        return ratio(self.value, self.target)


def recommendation_score(period: Period) -> int | None:
    """Promoters' share minus detractors' share, in whole percents, of the
    recommendation answers given in the period."""
    score = FeedbackValue.score
    count, promoters, detractors = db.session.execute(
        select(
            func.count(score),
            func.sum(case((score >= 9, 1), else_=0)),
            func.sum(case((score <= 6, 1), else_=0)),
        )
        .join(FeedbackValue.answer)
        .join(SurveyQuestion, SurveyQuestion.id == FeedbackValue.question_id)
        .where(
            SurveyQuestion.kind == QuestionKind.recommendation,
            period.holds(FeedbackAnswer.answered_on),
            score.is_not(None),
        )
    ).one()
    if not count:
        return None
    return round(100 * ((promoters or 0) - (detractors or 0)) / count)


def returning_clients(period: Period) -> int:
    """Client companies with a contract signed in the period that had one
    signed before it."""
    company = request_client_company.c.company_id

    def companies_signing(condition):
        return (
            select(company)
            .select_from(ServiceContract)
            .join(Offer, Offer.id == ServiceContract.offer_id)
            .join(
                request_client_company,
                request_client_company.c.request_id == Offer.request_id,
            )
            .where(condition)
        )

    earlier = companies_signing(ServiceContract.signed_on < period.start)
    returning = (
        companies_signing(period.holds(ServiceContract.signed_on))
        .where(company.in_(earlier))
        .subquery()
    )
    return db.session.scalar(select(func.count(distinct(returning.c.company_id))))


def _target(metric: Metric, period: Period) -> Decimal | None:
    candidates = db.session.scalars(
        select(MetricTarget).where(
            MetricTarget.metric == metric,
            MetricTarget.period_start <= period.end,
            MetricTarget.period_end >= period.start,
        )
    ).all()
    if not candidates:
        return None

    def overlap(target) -> timedelta:
        return min(target.period_end, period.end) - max(
            target.period_start, period.start
        )

    return max(candidates, key=lambda t: (overlap(t), t.period_start)).target_value


def metric_rows(period: Period) -> list[MetricRow]:
    steps = {step.key: step.count for step in funnel.funnel(period)}
    coverage = providers.offer_coverage(period)
    value = db.session.scalar(
        select(func.coalesce(func.sum(ServiceContract.value), 0)).where(
            period.holds(ServiceContract.signed_on)
        )
    )
    recommendation = recommendation_score(period)
    values = {
        Metric.leads: steps["leads"],
        Metric.needs_assessments: steps["needs"],
        Metric.requests: steps["requests"],
        Metric.offers_per_request: coverage.per_request,
        Metric.contracts: steps["contracts"],
        Metric.contract_value: Decimal(value),
        Metric.closed_services: steps["closed"],
        Metric.recommendation: recommendation,
        Metric.returning_clients: returning_clients(period),
    }
    return [
        MetricRow(
            metric,
            None if values[metric] is None else Decimal(values[metric]),
            _target(metric, period),
        )
        for metric in Metric
    ]
