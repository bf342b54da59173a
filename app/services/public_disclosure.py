"""The public disclosure (julkisuusversio) of a decided request for quotation.

Once an offer has been accepted, anyone may ask the City for the documents of
the procurement. The coordinator hands out this version: the request and every
provider's final offer, with the passages the providers marked as business
secrets hidden and their reasons left out. Drafts, withdrawn and replaced
versions are not part of the procurement and stay out, and so does personal
data: no contact people, users or emails, only organisations.
"""

import logging
import re
from dataclasses import dataclass
from datetime import UTC, date
from decimal import Decimal

from flask import render_template
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import (
    AuditAction,
    AuditEvent,
    Offer,
    OfferStatus,
    RequestForQuotation,
    RequestStatus,
)
from app.security.row_rules import read_condition
from app.security.viewer import Viewer
from app.services.clock import local_now, operator_timezone
from app.services.workflow.errors import TransitionRefusedError
from app.services.workflow.offer_secrets import Segment, hide

logger = logging.getLogger(__name__)

# The versions that took part in the decision: the last one each provider
# submitted, accepted or not chosen.
FINAL = (OfferStatus.submitted, OfferStatus.accepted, OfferStatus.rejected)


@dataclass(frozen=True)
class DisclosedMember:
    provider: str
    part: list[Segment]
    share_percent: Decimal


@dataclass(frozen=True)
class DisclosedOffer:
    lead_provider: str
    version: int
    accepted: bool
    content: list[Segment]
    members: list[DisclosedMember]
    price: Decimal
    vat_rate: Decimal
    valid_until: date


@dataclass(frozen=True)
class Disclosure:
    request: RequestForQuotation
    companies: list[str]
    offers: list[DisclosedOffer]
    decided_on: date | None
    made_on: date


def is_decided(request: RequestForQuotation) -> bool:
    """An offer has been accepted for the request."""
    return request.status is RequestStatus.awarded and any(
        offer.status is OfferStatus.accepted for offer in request.offers
    )


def require_decided(request: RequestForQuotation) -> None:
    if not is_decided(request):
        raise TransitionRefusedError(
            _l(
                "The public disclosure can be made only once an offer has been "
                "accepted for the request (it is %(status)s).",
                status=request.status,
            )
        )


def final_offers(request: RequestForQuotation, viewer: Viewer) -> list[Offer]:
    """Each provider's last submitted, accepted or not chosen version that the
    viewer may read; the accepted one first, then by provider."""
    offers = db.session.scalars(
        db.select(Offer).where(
            Offer.request_id == request.id,
            Offer.status.in_(FINAL),
            read_condition(Offer, viewer),
        )
    )
    latest: dict[int, Offer] = {}
    for offer in offers:
        kept = latest.get(offer.lead_provider_id)
        if kept is None or offer.version > kept.version:
            latest[offer.lead_provider_id] = offer
    return sorted(
        latest.values(),
        key=lambda o: (o.status is not OfferStatus.accepted, str(o.lead_provider)),
    )


def _disclosed(offer: Offer) -> DisclosedOffer:
    # Every marking of the offer is hidden, whoever reads: hiding never depends
    # on what the reader may see of the markings themselves.
    passages = [secret.passage for secret in offer.secrets]
    return DisclosedOffer(
        lead_provider=str(offer.lead_provider),
        version=offer.version,
        accepted=offer.status is OfferStatus.accepted,
        content=hide(offer.content, passages),
        members=[
            DisclosedMember(
                provider=str(member.provider),
                part=hide(member.part, passages),
                share_percent=member.share_percent,
            )
            for member in offer.members
        ],
        price=offer.price,
        vat_rate=offer.vat_rate,
        valid_until=offer.valid_until,
    )


def decided_on(request: RequestForQuotation) -> date | None:
    """The Helsinki day the offer was accepted, as the audit log recorded it."""
    accepted = next(o for o in request.offers if o.status is OfferStatus.accepted)
    events = db.session.scalars(
        db.select(AuditEvent)
        .where(
            AuditEvent.record_type == "Offer",
            AuditEvent.record_id == accepted.id,
            AuditEvent.action == AuditAction.state_change,
        )
        .order_by(AuditEvent.occurred_on.desc())
    )
    for event in events:
        status = (event.changes or {}).get("status") or [None, None]
        if status[1] == OfferStatus.accepted.name:
            stamp = event.occurred_on.replace(tzinfo=UTC)
            return stamp.astimezone(operator_timezone()).date()
    return None


def disclosure(request: RequestForQuotation, viewer: Viewer) -> Disclosure:
    """What the public version of a decided request holds."""
    require_decided(request)
    return Disclosure(
        request=request,
        companies=sorted(company.name for company in request.client_companies),
        offers=[_disclosed(offer) for offer in final_offers(request, viewer)],
        decided_on=decided_on(request),
        made_on=local_now().date(),
    )


def render(request: RequestForQuotation, viewer: Viewer) -> str:
    """The public version as one printable HTML document in the reader's
    language."""
    document = render_template(
        "operator/public_disclosure.html",
        disclosure=disclosure(request, viewer),
        language=str(get_locale() or "fi"),
    )
    logger.info("Public disclosure of request %s made", request.id)
    return document


def filename(request: RequestForQuotation) -> str:
    reference = re.sub(r"[^\w.-]", "-", request.reference, flags=re.ASCII)
    return f"julkisuusversio-{reference}.html"
