"""Who is told of a step of the path, and what the email says.

Every email goes to the outbox in the step's transaction, in the recipient's
language, under a key that names the event, the record and the recipient, so
that announcing the same event twice sends nothing more.
"""

from collections.abc import Callable

from flask import current_app, has_request_context, render_template
from flask import request as http_request
from flask_babel import force_locale, gettext

from app.extensions import db
from app.mail.outbox import queue_message
from app.models import (
    ContactPerson,
    Offer,
    OfferStatus,
    Organisation,
    OrganisationKind,
    RequestForQuotation,
    RequestQuestion,
    ServiceContract,
)


def provider_contacts(provider: Organisation) -> list[ContactPerson]:
    """The provider's active contact people who receive requests for quotation."""
    return list(
        db.session.scalars(
            db.select(ContactPerson).where(
                ContactPerson.organisation_id == provider.id,
                ContactPerson.receives_requests.is_(True),
                ContactPerson.is_active.is_(True),
            )
        )
    )


def request_published(request: RequestForQuotation, provider: Organisation) -> int:
    return _tell_provider(
        provider,
        request,
        "request-published",
        lambda: gettext(
            "Request for quotation %(reference)s: %(title)s",
            reference=request.reference,
            title=request.title,
        ),
        "mail/request_published.txt",
    )


def request_cancelled(request: RequestForQuotation, provider: Organisation) -> int:
    return _tell_provider(
        provider,
        request,
        "request-cancelled",
        lambda: gettext(
            "Cancelled: request for quotation %(reference)s",
            reference=request.reference,
        ),
        "mail/request_cancelled.txt",
    )


def offer_decided(accepted: Offer) -> int:
    """Tell the winning consortium and every other bidder of the decision."""
    request = accepted.request
    queued = 0
    winners = [accepted.lead_provider] + [m.provider for m in accepted.members]
    for provider in winners:
        queued += _tell_provider(
            provider,
            request,
            "offer-accepted",
            lambda: gettext(
                "Your offer to %(reference)s was accepted", reference=request.reference
            ),
            "mail/offer_accepted.txt",
        )
    others = db.session.scalars(
        db.select(Offer).where(
            Offer.request_id == request.id, Offer.status == OfferStatus.rejected
        )
    )
    for offer in others:
        if offer.lead_provider in winners:
            continue
        queued += _tell_provider(
            offer.lead_provider,
            request,
            "offer-not-chosen",
            lambda: gettext(
                "Decision on %(reference)s: another offer was chosen",
                reference=request.reference,
            ),
            "mail/offer_not_chosen.txt",
        )
    return queued


def answer_published(question: RequestQuestion) -> int:
    """Send a published answer to every provider that received the request."""
    request = question.request
    return sum(
        _tell_provider(
            distribution.provider,
            request,
            f"answer-published-{question.id}",
            lambda: gettext(
                "Answer to a question on %(reference)s", reference=request.reference
            ),
            "mail/answer_published.txt",
            question=question,
        )
        for distribution in request.distributions
    )


def delivery_moved(contract: ServiceContract) -> int:
    """Tell the client companies' contact people that their training started,
    was delivered or was closed."""
    request = contract.offer.request
    people = [
        person
        for company in request.client_companies
        for person in company.contact_people
        if person.is_active
    ]
    return _tell(
        people,
        request,
        f"delivery-{contract.status.name}-{contract.id}",
        lambda: gettext(
            "Your training %(title)s: %(status)s",
            title=request.title,
            status=str(contract.status),
        ),
        "mail/delivery_moved.txt",
        contract=contract,
    )


def coordinator_contacts() -> list[ContactPerson]:
    """The coordinator organisation's active contact people."""
    return db.session.scalars(
        db.select(ContactPerson)
        .join(ContactPerson.organisation)
        .where(
            Organisation.kind == OrganisationKind.coordinator,
            ContactPerson.is_active.is_(True),
        )
    ).all()


def negative_feedback(follow_up) -> int:
    """Tell the coordinator's and the lead provider's contact people that an
    answer with low scores opened a follow-up item."""
    contract = follow_up.survey.contract
    request = contract.offer.request
    leads = [p for p in contract.offer.lead_provider.contact_people if p.is_active]
    return _tell(
        [*coordinator_contacts(), *leads],
        request,
        f"negative-feedback-{follow_up.id}",
        lambda: gettext("Negative feedback on %(title)s", title=request.title),
        "mail/negative_feedback.txt",
        link=public_link("FeedbackFollowUpView.show", pk=follow_up.id),
        follow_up=follow_up,
        contract=contract,
    )


def _tell_provider(
    provider: Organisation,
    request: RequestForQuotation,
    event: str,
    subject: Callable[[], str],
    template: str,
    **context,
) -> int:
    return _tell(
        provider_contacts(provider), request, event, subject, template, **context
    )


def _tell(
    people: list[ContactPerson],
    request: RequestForQuotation,
    event: str,
    subject: Callable[[], str],
    template: str,
    link: str | None = None,
    **context,
) -> int:
    """Queue one email to each person; the key names the event, the request and
    the person, so a repeated announcement adds nothing. The link goes to the
    request unless another is given."""
    db.session.flush()
    queued = 0
    for person in people:
        with force_locale(person.language.name):
            body = render_template(
                template,
                request=request,
                person=person,
                link=link or _link_to(request),
                **context,
            )
            message = queue_message(
                key=f"{event}:{request.id}:{person.id}",
                recipient=person.email,
                language=person.language,
                subject=subject(),
                body=body,
                request_id=request.id,
            )
        queued += message is not None
    return queued


def _link_to(request: RequestForQuotation) -> str:
    return public_link("RequestForQuotationView.show", pk=request.id)


def public_link(endpoint: str, **values) -> str:
    """An absolute link for an email: under PUBLIC_URL when it is set, else
    under the address of the current request. Built without a request context,
    so that commands and the scheduler can link too."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    base = current_app.config.get("PUBLIC_URL")
    if not base and has_request_context():
        base = http_request.host_url
    return (base or "http://127.0.0.1:8080").rstrip("/") + path
