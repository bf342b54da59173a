"""Where a request for quotation, or a company, stands on the service path.

The show pages of a company and of a request use this to tie the story together:
from the request to its offers, the contract, the plan and its sessions, the
feedback, the invoices and the closing report. Every part is read through the
row rules, so the story tells each user only what is theirs to see.
"""

from dataclasses import dataclass, field

from sqlalchemy import func

from app.extensions import db
from app.models import (
    ClosingReport,
    FeedbackAnswer,
    FeedbackSurvey,
    ImplementationPlan,
    Invoice,
    Offer,
    RequestForQuotation,
    ServiceContract,
    TrainingSession,
)
from app.models.quotations import request_client_company
from app.security.row_rules import read_condition
from app.security.viewer import Viewer


@dataclass
class SurveyStatus:
    survey: FeedbackSurvey
    answers: int


@dataclass
class RequestStory:
    """One request and what followed from it, as far as the user may see."""

    request: RequestForQuotation
    offers: list[Offer] = field(default_factory=list)
    contract: ServiceContract | None = None
    plan: ImplementationPlan | None = None
    sessions: int = 0
    surveys: list[SurveyStatus] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)
    closing_report: ClosingReport | None = None


def request_story(request_id: int | str) -> RequestStory | None:
    """The story of one request, or None if the user may not see it. The id
    may come as the text of a URL."""
    viewer = Viewer.current()
    request = _readable(
        viewer,
        db.select(RequestForQuotation).where(RequestForQuotation.id == int(request_id)),
    ).first()
    return None if request is None else _story(viewer, request)


def company_stories(company_id: int | str) -> list[RequestStory]:
    """The stories of the requests on which the company is a client, newest
    first, as far as the user may see them."""
    viewer = Viewer.current()
    requests = _readable(
        viewer,
        db.select(RequestForQuotation)
        .join(request_client_company)
        .where(request_client_company.c.company_id == int(company_id))
        .order_by(RequestForQuotation.offer_deadline.desc()),
    )
    return [_story(viewer, request) for request in requests]


def _readable(viewer: Viewer, query):
    model = query.column_descriptions[0]["entity"]
    return db.session.scalars(query.where(read_condition(model, viewer)))


def _story(viewer: Viewer, request: RequestForQuotation) -> RequestStory:
    story = RequestStory(request=request)
    story.offers = list(
        _readable(
            viewer,
            db.select(Offer)
            .where(Offer.request_id == request.id)
            .order_by(Offer.lead_provider_id, Offer.version),
        )
    )
    offers_of_request = db.select(Offer.id).where(Offer.request_id == request.id)
    story.contract = _readable(
        viewer,
        db.select(ServiceContract).where(
            ServiceContract.offer_id.in_(offers_of_request)
        ),
    ).first()
    if story.contract is not None:
        _delivery(viewer, story, story.contract.id)
    return story


def _delivery(viewer: Viewer, story: RequestStory, contract_id: int) -> None:
    story.plan = _readable(
        viewer,
        db.select(ImplementationPlan).where(
            ImplementationPlan.contract_id == contract_id
        ),
    ).first()
    if story.plan is not None:
        story.sessions = _count(
            viewer, TrainingSession, TrainingSession.plan_id == story.plan.id
        )
    for survey in _readable(
        viewer,
        db.select(FeedbackSurvey).where(FeedbackSurvey.contract_id == contract_id),
    ):
        answers = _count(
            viewer,
            FeedbackAnswer,
            FeedbackAnswer.survey_id == survey.id,
            FeedbackAnswer.answered_on.is_not(None),
        )
        story.surveys.append(SurveyStatus(survey, answers))
    story.invoices = list(
        _readable(viewer, db.select(Invoice).where(Invoice.contract_id == contract_id))
    )
    story.closing_report = _readable(
        viewer,
        db.select(ClosingReport).where(ClosingReport.contract_id == contract_id),
    ).first()


def _count(viewer: Viewer, model, *conditions) -> int:
    query = db.select(func.count(model.id)).where(
        *conditions, read_condition(model, viewer)
    )
    return db.session.scalar(query)
