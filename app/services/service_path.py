"""Where a request for quotation, or a company, stands on the service path.

The show pages of a company and of a request use this to tie the story together:
from the request to its offers, the contract, the plan and its sessions, the
feedback, the invoices and the closing report.
"""

from dataclasses import dataclass, field

from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import (
    Offer,
    OfferStatus,
    RequestForQuotation,
    ServiceContract,
)
from app.models.quotations import request_client_company


@dataclass
class RequestStory:
    """One request and what followed from it."""

    request: RequestForQuotation
    offers: list[Offer] = field(default_factory=list)
    contract: ServiceContract | None = None

    @property
    def submitted_offers(self) -> list[Offer]:
        return [
            offer
            for offer in self.offers
            if offer.status in (OfferStatus.submitted, OfferStatus.accepted)
        ]


def request_story(request_id: int | str) -> RequestStory | None:
    """The story of one request, or None if there is no such request. The id
    may come as the text of a URL."""
    request = db.session.get(RequestForQuotation, int(request_id))
    if request is None:
        return None
    return _story(request)


def company_stories(company_id: int | str) -> list[RequestStory]:
    """The stories of every request on which the company is a client, newest
    first. The id may come as the text of a URL."""
    requests = db.session.scalars(
        db.select(RequestForQuotation)
        .join(request_client_company)
        .where(request_client_company.c.company_id == int(company_id))
        .options(selectinload(RequestForQuotation.offers))
        .order_by(RequestForQuotation.offer_deadline.desc())
    )
    return [_story(request) for request in requests]


def _story(request: RequestForQuotation) -> RequestStory:
    offers = sorted(
        request.offers, key=lambda offer: (offer.lead_provider_id, offer.version)
    )
    offer_ids = [offer.id for offer in offers]
    contract = None
    if offer_ids:
        contract = db.session.scalar(
            db.select(ServiceContract).where(ServiceContract.offer_id.in_(offer_ids))
        )
    return RequestStory(request=request, offers=offers, contract=contract)
