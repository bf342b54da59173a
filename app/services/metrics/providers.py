"""How the provider pool answers: requests received, answered (an offer or a
decline), offers, wins and their share, and how many offers a request gets."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, distinct, exists, func, or_, select

from app.extensions import db
from app.models import (
    Offer,
    Organisation,
    RequestDistribution,
    RequestForQuotation,
    ServiceContract,
)
from app.services.metrics.period import Period, ratio


@dataclass
class ProviderFigures:
    provider: str
    received: int = 0
    answered: int = 0
    offers: int = 0
    wins: int = 0
    won_value: Decimal = Decimal("0")
    response_rate: Decimal | None = None
    win_share: Decimal | None = None


@dataclass
class OfferCoverage:
    requests: int
    offers: int
    per_request: Decimal | None
    without_offers: int


def _offered(request_id, provider_id):
    return exists().where(
        Offer.request_id == request_id,
        Offer.lead_provider_id == provider_id,
        Offer.submitted_on.is_not(None),
    )


def provider_figures(period: Period) -> list[ProviderFigures]:
    published = period.holds(RequestForQuotation.published_on)
    answered = or_(
        RequestDistribution.declined_on.is_not(None),
        _offered(RequestDistribution.request_id, RequestDistribution.provider_id),
    )
    figures: dict[int, ProviderFigures] = {}

    def row(provider_id, name) -> ProviderFigures:
        return figures.setdefault(provider_id, ProviderFigures(name))

    for provider_id, name, received, answers in db.session.execute(
        select(
            RequestDistribution.provider_id,
            Organisation.name,
            func.count(RequestDistribution.id),
            func.count(RequestDistribution.id).filter(answered),
        )
        .join(RequestDistribution.request)
        .join(Organisation, Organisation.id == RequestDistribution.provider_id)
        .where(published)
        .group_by(RequestDistribution.provider_id, Organisation.name)
    ):
        item = row(provider_id, name)
        item.received, item.answered = received, answers
    for provider_id, name, offers in db.session.execute(
        select(
            Offer.lead_provider_id,
            Organisation.name,
            func.count(distinct(Offer.request_id)),
        )
        .join(Offer.request)
        .join(Organisation, Organisation.id == Offer.lead_provider_id)
        .where(published, Offer.submitted_on.is_not(None))
        .group_by(Offer.lead_provider_id, Organisation.name)
    ):
        row(provider_id, name).offers = offers
    for provider_id, name, wins, value in db.session.execute(
        select(
            Offer.lead_provider_id,
            Organisation.name,
            func.count(ServiceContract.id),
            func.sum(ServiceContract.value),
        )
        .join(ServiceContract.offer)
        .join(Organisation, Organisation.id == Offer.lead_provider_id)
        .where(period.holds(ServiceContract.signed_on))
        .group_by(Offer.lead_provider_id, Organisation.name)
    ):
        item = row(provider_id, name)
        item.wins, item.won_value = wins, Decimal(value or 0)
    all_wins = sum(item.wins for item in figures.values())
    for item in figures.values():
        item.response_rate = ratio(item.answered, item.received)
        item.win_share = ratio(item.wins, all_wins)
    return sorted(figures.values(), key=lambda item: item.provider)


def offer_coverage(period: Period) -> OfferCoverage:
    """Of the requests published in the period: how many offers each got (one
    per provider) and how many got none."""
    published = select(RequestForQuotation.id).where(
        period.holds(RequestForQuotation.published_on)
    )
    requests = db.session.scalar(select(func.count()).select_from(published.subquery()))
    pairs = (
        select(Offer.request_id, Offer.lead_provider_id)
        .where(Offer.request_id.in_(published), Offer.submitted_on.is_not(None))
        .distinct()
        .subquery()
    )
    offers = db.session.scalar(select(func.count()).select_from(pairs))
    without = db.session.scalar(
        select(func.count(RequestForQuotation.id)).where(
            RequestForQuotation.id.in_(published),
            ~exists().where(
                and_(
                    Offer.request_id == RequestForQuotation.id,
                    Offer.submitted_on.is_not(None),
                )
            ),
        )
    )
    return OfferCoverage(requests, offers, ratio(offers, requests), without)
