"""Requests for quotation: publish to the provider pool, or cancel.

Publishing (step 3 of the path) sends the request to the contact people of
every active provider of the pool, one email each in the recipient's language,
and records the distribution.
"""

import logging
from datetime import date

from flask import current_app, render_template, url_for
from flask import request as http_request
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.mail.outbox import queue_message
from app.models import (
    ContactPerson,
    Organisation,
    OrganisationKind,
    PartnershipAgreement,
    RequestDistribution,
    RequestForQuotation,
    RequestStatus,
)
from app.services.clock import local_now
from app.services.workflow.errors import TransitionRefusedError

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


def publish(request: RequestForQuotation) -> int:
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
        for person in _request_contacts(provider):
            queued += _queue_request_mail(request, person, "published")
    logger.info("Request %s published to %s providers", request.id, len(providers))
    return queued


def cancel(request: RequestForQuotation) -> int:
    """Cancel a draft or published request and tell the providers it reached."""
    if request.status not in (RequestStatus.draft, RequestStatus.published):
        raise TransitionRefusedError(
            _l("Only a draft or published request can be cancelled.")
        )
    request.status = RequestStatus.cancelled
    queued = 0
    for distribution in request.distributions:
        for person in _request_contacts(distribution.provider):
            queued += _queue_request_mail(request, person, "cancelled")
    logger.info("Request %s cancelled", request.id)
    return queued


def _request_contacts(provider: Organisation) -> list[ContactPerson]:
    return list(
        db.session.scalars(
            db.select(ContactPerson).where(
                ContactPerson.organisation_id == provider.id,
                ContactPerson.receives_requests.is_(True),
                ContactPerson.is_active.is_(True),
            )
        )
    )


def _queue_request_mail(request, person: ContactPerson, event: str) -> int:
    db.session.flush()
    with force_locale(person.language.name):
        subject = {
            "published": gettext(
                "Request for quotation %(reference)s: %(title)s",
                reference=request.reference,
                title=request.title,
            ),
            "cancelled": gettext(
                "Cancelled: request for quotation %(reference)s",
                reference=request.reference,
            ),
        }[event]
        body = render_template(
            f"mail/request_{event}.txt",
            request=request,
            person=person,
            link=_link_to(request),
        )
    message = queue_message(
        key=f"request-{event}:{request.id}:{person.id}",
        recipient=person.email,
        language=person.language,
        subject=subject,
        body=body,
        request_id=request.id,
    )
    return 0 if message is None else 1


def _link_to(request: RequestForQuotation) -> str:
    path = url_for("RequestForQuotationView.show", pk=request.id)
    base = current_app.config.get("PUBLIC_URL") or http_request.host_url
    return base.rstrip("/") + path
