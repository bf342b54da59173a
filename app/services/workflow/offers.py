"""Offers (step 4) and their acceptance (step 5).

A lead provider drafts an offer, names its consortium members, and submits it
once every member has confirmed its part. Until the deadline it may revise the
offer, which makes a new version; the last submitted version counts. After the
deadline the client, or the coordinator for the client, accepts one offer: a
service contract follows, the bidders are told, and no other offer can be
accepted, even by someone pressing the button at the same moment.
"""

import logging

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, update

from app.extensions import db
from app.models import (
    ConsortiumMember,
    ContractStatus,
    Offer,
    OfferStatus,
    RequestDistribution,
    RequestForQuotation,
    RequestStatus,
    ServiceContract,
)
from app.security.viewer import Viewer
from app.services import commission
from app.services.clock import local_now
from app.services.workflow import announcements, offer_secrets
from app.services.workflow.errors import TransitionRefusedError

logger = logging.getLogger(__name__)

OPEN_FOR_OFFERS = (RequestStatus.published,)
STILL_UNDECIDED = (RequestStatus.published, RequestStatus.closed)


def _require_lead(offer: Offer, viewer: Viewer) -> None:
    if not viewer.is_system and offer.lead_provider_id != viewer.organisation_id:
        raise TransitionRefusedError(
            _l("Only the lead provider of the offer can do this.")
        )


def require_open_request(request: RequestForQuotation) -> None:
    if request.status not in OPEN_FOR_OFFERS:
        raise TransitionRefusedError(
            _l(
                "The request is not open for offers (it is %(status)s).",
                status=request.status,
            )
        )
    if request.offer_deadline <= local_now():
        raise TransitionRefusedError(
            _l("The offer deadline has passed: offers can no longer be changed.")
        )


def submit(offer: Offer, viewer: Viewer) -> None:
    """Submit a draft; earlier submitted versions are replaced by it."""
    _require_lead(offer, viewer)
    require_open_request(offer.request)
    if offer.status is not OfferStatus.draft:
        raise TransitionRefusedError(_l("Only a draft offer can be submitted."))
    unconfirmed = [m for m in offer.members if m.confirmed_on is None]
    if unconfirmed:
        raise TransitionRefusedError(
            _l(
                "Every consortium member must confirm its part first: waiting for "
                "%(members)s.",
                members=", ".join(str(m.provider) for m in unconfirmed),
            )
        )
    offer_secrets.require_valid_markings(offer)
    db.session.execute(
        update(Offer)
        .where(
            Offer.request_id == offer.request_id,
            Offer.lead_provider_id == offer.lead_provider_id,
            Offer.status == OfferStatus.submitted,
        )
        .values(status=OfferStatus.superseded)
    )
    offer.status = OfferStatus.submitted
    offer.submitted_on = local_now()
    logger.info("Offer %s submitted to request %s", offer.id, offer.request_id)


def revise(offer: Offer, viewer: Viewer) -> Offer:
    """A new draft version with the same content, members and business secret
    markings, to be edited."""
    _require_lead(offer, viewer)
    require_open_request(offer.request)
    latest = db.session.scalar(
        db.select(func.max(Offer.version)).where(
            Offer.request_id == offer.request_id,
            Offer.lead_provider_id == offer.lead_provider_id,
        )
    )
    revision = Offer(
        request=offer.request,
        lead_provider=offer.lead_provider,
        content=offer.content,
        price=offer.price,
        vat_rate=offer.vat_rate,
        valid_until=offer.valid_until,
        version=latest + 1,
        status=OfferStatus.draft,
    )
    db.session.add(revision)
    for member in list(offer.members):
        revision.members.append(
            ConsortiumMember(
                provider=member.provider,
                part=member.part,
                share_percent=member.share_percent,
            )
        )
    offer_secrets.copy_markings(offer, revision)
    db.session.flush()
    return revision


def withdraw(offer: Offer, viewer: Viewer) -> None:
    _require_lead(offer, viewer)
    require_open_request(offer.request)
    if offer.status not in (OfferStatus.draft, OfferStatus.submitted):
        raise TransitionRefusedError(
            _l("Only a draft or submitted offer can be withdrawn.")
        )
    offer.status = OfferStatus.withdrawn


def confirm_membership(member: ConsortiumMember, viewer: Viewer) -> None:
    """A member provider confirms its part and share in its own login."""
    if not viewer.is_system and member.provider_id != viewer.organisation_id:
        raise TransitionRefusedError(
            _l("Only the member provider itself can confirm its part.")
        )
    if member.offer.status is not OfferStatus.draft:
        raise TransitionRefusedError(
            _l(
                "The offer is no longer a draft: ask the lead provider for a new "
                "version."
            )
        )
    member.confirmed_on = local_now()


def decline(distribution: RequestDistribution, viewer: Viewer) -> None:
    """A provider declines a request it received, with a reason."""
    if not viewer.is_system and distribution.provider_id != viewer.organisation_id:
        raise TransitionRefusedError(_l("Only the provider itself can decline."))
    require_open_request(distribution.request)
    if distribution.declined_on is not None:
        raise TransitionRefusedError(_l("The request has already been declined."))
    if not (distribution.decline_reason or "").strip():
        raise TransitionRefusedError(
            _l("Write the reason for declining first, then decline.")
        )
    distribution.declined_on = local_now()


def accept(offer: Offer, viewer: Viewer) -> ServiceContract:
    """Accept one submitted offer after the deadline; exactly one acceptance per
    request can ever win."""
    request = offer.request
    if offer.status is not OfferStatus.submitted:
        raise TransitionRefusedError(_l("Only a submitted offer can be accepted."))
    if request.offer_deadline > local_now():
        raise TransitionRefusedError(
            _l("Offers can be accepted only after the offer deadline.")
        )
    _claim_request(request)
    offer.status = OfferStatus.accepted
    db.session.execute(
        update(Offer)
        .where(
            Offer.request_id == request.id,
            Offer.id != offer.id,
            Offer.status == OfferStatus.submitted,
        )
        .values(status=OfferStatus.rejected)
    )
    today = local_now().date()
    contract = ServiceContract(
        number=f"PS-{request.reference}",
        offer=offer,
        signed_on=today,
        start_date=today,
        value=offer.price,
        status=ContractStatus.signed,
    )
    commission.apply(contract)
    db.session.add(contract)
    db.session.flush()
    announcements.offer_decided(offer)
    logger.info("Offer %s accepted for request %s", offer.id, request.id)
    return contract


def _claim_request(request: RequestForQuotation) -> None:
    """Mark the request awarded with one conditional update. The database lets
    one such update through; a second, concurrent one finds the request no longer
    undecided and changes nothing, so its acceptance is refused."""
    claimed = db.session.execute(
        update(RequestForQuotation)
        .where(
            RequestForQuotation.id == request.id,
            RequestForQuotation.status.in_(STILL_UNDECIDED),
        )
        .values(status=RequestStatus.awarded)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        db.session.rollback()
        raise TransitionRefusedError(
            _l(
                "An offer has already been accepted for this request, or the request "
                "was cancelled."
            )
        )
    db.session.refresh(request)
