"""Feedback by provider and by service entity, for answers given in the
period: the average of the 1–5 scales and the recommendation score. A group
with fewer than three answers shows no figures, so that no answer can be told
apart."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, distinct, func, select

from app.extensions import db
from app.models import (
    FeedbackAnswer,
    FeedbackSurvey,
    FeedbackValue,
    Offer,
    Organisation,
    QuestionKind,
    ServiceContract,
    ServiceEntity,
    SurveyQuestion,
)
from app.models.quotations import request_service_entity
from app.services.feedback_results import MIN_ANSWERS
from app.services.metrics.period import Period


@dataclass
class FeedbackRow:
    label: str
    answers: int
    average: Decimal | None
    recommendation_score: int | None


def _grouped(period: Period, name, joins) -> list[FeedbackRow]:
    score = FeedbackValue.score
    is_scale = SurveyQuestion.kind == QuestionKind.scale
    is_recommendation = SurveyQuestion.kind == QuestionKind.recommendation
    query = (
        select(
            name,
            func.count(distinct(FeedbackAnswer.id)),
            func.avg(case((is_scale, score))),
            func.count(case((is_recommendation, score))),
            func.sum(case((is_recommendation & (score >= 9), 1), else_=0)),
            func.sum(case((is_recommendation & (score <= 6), 1), else_=0)),
        )
        .select_from(FeedbackValue)
        .join(FeedbackAnswer, FeedbackAnswer.id == FeedbackValue.answer_id)
        .join(SurveyQuestion, SurveyQuestion.id == FeedbackValue.question_id)
        .join(FeedbackSurvey, FeedbackSurvey.id == FeedbackAnswer.survey_id)
        .join(ServiceContract, ServiceContract.id == FeedbackSurvey.contract_id)
        .join(Offer, Offer.id == ServiceContract.offer_id)
    )
    for target, condition in joins:
        query = query.join(target, condition)
    rows = db.session.execute(
        query.where(period.holds(FeedbackAnswer.answered_on))
        .group_by(name)
        .order_by(name)
    )
    result = []
    for label, answers, average, recommended, promoters, detractors in rows:
        shown = answers >= MIN_ANSWERS
        result.append(
            FeedbackRow(
                str(label),
                answers,
                Decimal(str(average)).quantize(Decimal("0.1"))
                if shown and average is not None
                else None,
                round(100 * (promoters - detractors) / recommended)
                if shown and recommended
                else None,
            )
        )
    return result


def by_provider(period: Period) -> list[FeedbackRow]:
    return _grouped(
        period,
        Organisation.name,
        [(Organisation, Organisation.id == Offer.lead_provider_id)],
    )


def by_service(period: Period) -> list[FeedbackRow]:
    return _grouped(
        period,
        ServiceEntity.name,
        [
            (
                request_service_entity,
                request_service_entity.c.request_id == Offer.request_id,
            ),
            (
                ServiceEntity,
                ServiceEntity.id == request_service_entity.c.service_entity_id,
            ),
        ],
    )
