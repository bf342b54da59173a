"""Requests for quotation: publish to the provider pool, or cancel.

Publishing (step 3 of the path) sends the request to the contact people of
every active provider of the pool, one email each in the recipient's language,
and records the distribution.
"""

import logging
from datetime import date

from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import (
    Organisation,
    OrganisationKind,
    PartnershipAgreement,
    RequestDistribution,
    RequestForQuotation,
    RequestStatus,
)
from app.security.viewer import Viewer
from app.services.clock import local_now
from app.services.workflow import announcements
from app.services.workflow.errors import TransitionRefusedError

CANCELLABLE = (RequestStatus.draft, RequestStatus.published, RequestStatus.closed)

logger = logging.getLogger(__name__)


def active_pool(on: date | None = None) -> list[Organisation]:
    """Providers whose partnership agreement is valid on the given day."""
    on = on or local_now().date()
    agreement_valid = PartnershipAgreement.providers_valid_on(on)
    return list(
        db.session.scalars(
            db.select(Organisation)
            .where(
                Organisation.kind == OrganisationKind.provider,
                Organisation.is_active.is_(True),
                Organisation.id.in_(agreement_valid),
            )
            .order_by(Organisation.name)
        )
    )


def publish(request: RequestForQuotation, viewer: Viewer) -> int:
    """Publish a draft request to the pool; returns the number of emails queued."""
    if request.status is not RequestStatus.draft:
        raise TransitionRefusedError(_l("Only a draft request can be published."))
    if request.offer_deadline <= local_now():
        raise TransitionRefusedError(
            _l("The offer deadline has passed: set a later deadline, then publish.")
        )
    providers = active_pool()
    if not providers:
        raise TransitionRefusedError(
            _l(
                "No provider has a valid partnership agreement: nobody would "
                "receive the request."
            )
        )
    now = local_now()
    request.status = RequestStatus.published
    request.published_on = now
    queued = 0
    for provider in providers:
        db.session.add(
            RequestDistribution(request=request, provider=provider, sent_on=now)
        )
        queued += announcements.request_published(request, provider)
    logger.info(
        "Request %s published to %s providers by user %s",
        request.id,
        len(providers),
        viewer.user_id,
    )
    return queued


def cancel(request: RequestForQuotation, viewer: Viewer) -> int:
    """Cancel a draft or published request and tell the providers it reached."""
    if request.status not in CANCELLABLE:
        raise TransitionRefusedError(
            _l("Only a draft, published or closed request can be cancelled.")
        )
    request.status = RequestStatus.cancelled
    queued = 0
    for distribution in request.distributions:
        queued += announcements.request_cancelled(request, distribution.provider)
    logger.info("Request %s cancelled by user %s", request.id, viewer.user_id)
    return queued


def close_passed_deadlines() -> int:
    """Move published requests whose offer deadline passed to "deadline
    passed"; the scheduler's tick calls this. Each change is audited as the
    system's."""
    passed = db.session.scalars(
        db.select(RequestForQuotation)
        .where(
            RequestForQuotation.status == RequestStatus.published,
            RequestForQuotation.offer_deadline <= local_now(),
        )
        # A second scheduler skips what the first is closing (PostgreSQL).
        .with_for_update(skip_locked=True)
    ).all()
    for request in passed:
        request.status = RequestStatus.closed
    db.session.commit()
    if passed:
        logger.info("Offer deadline passed for %s requests", len(passed))
    return len(passed)
