"""The building blocks of the row rules: SQL conditions on one model each,
built for the organisation of the user who reads.

``app.security.row_rules`` combines them into what each role sees.
"""

from collections.abc import Callable

from sqlalchemy import and_, exists, or_, select, true
from sqlalchemy.sql.elements import ColumnElement

from app.models import (
    AuditEvent,
    Certificate,
    ClosingReport,
    ConsortiumMember,
    ContactPerson,
    FeedbackAnswer,
    FeedbackPoint,
    FeedbackSurvey,
    ImplementationPlan,
    Invoice,
    InvoiceLine,
    InvoicingMilestone,
    Offer,
    OfferSecret,
    OfferStatus,
    Organisation,
    Participant,
    RequestDistribution,
    RequestForQuotation,
    ServiceContract,
    TrainingSession,
)
from app.models.quotations import request_client_company
from app.security.viewer import Viewer
from app.services.clock import local_now

Rule = Callable[[Viewer], ColumnElement[bool]]


def everything(viewer: Viewer) -> ColumnElement[bool]:
    return true()


# --- Offers are sealed until the deadline --------------------------------------


def deadline_passed() -> ColumnElement[bool]:
    return RequestForQuotation.offer_deadline <= local_now()


def opened_offer(viewer: Viewer) -> ColumnElement[bool]:
    return Offer.request.has(deadline_passed())


def audit_event_visible(viewer: Viewer) -> ColumnElement[bool]:
    """Events of sealed offers, their consortium members and business secret
    markings hold the offer's content; they stay hidden until the deadline, as
    the offer itself.

    Each event of those kinds looks up its own record: a list page reads the
    newest events by their time index and stops after a page, so it looks up
    a few records, and the audit log's count stops early too (its view caps
    it). OFFSET 0 keeps PostgreSQL from reading every opened offer into a hash
    table first, which it does for a look-up under OR whatever the page size.
    """

    def opened(model, *path) -> ColumnElement[bool]:
        statement = select(model.id)
        for relationship in path:
            statement = statement.join(relationship)
        statement = statement.where(model.id == AuditEvent.record_id, deadline_passed())
        return exists(statement.offset(0))

    record_type = AuditEvent.record_type
    return or_(
        record_type.is_(None),
        record_type.not_in(["Offer", "ConsortiumMember", "OfferSecret"]),
        and_(record_type == "Offer", opened(Offer, Offer.request)),
        and_(
            record_type == "ConsortiumMember",
            opened(ConsortiumMember, ConsortiumMember.offer, Offer.request),
        ),
        and_(
            record_type == "OfferSecret",
            opened(OfferSecret, OfferSecret.offer, Offer.request),
        ),
    )


# --- What a provider takes part in ---------------------------------------------


def offer_of_consortium(viewer: Viewer) -> ColumnElement[bool]:
    """Offers the provider leads or is a member of."""
    return or_(
        Offer.lead_provider_id == viewer.organisation_id,
        Offer.members.any(ConsortiumMember.provider_id == viewer.organisation_id),
    )


def offer_led(viewer: Viewer) -> ColumnElement[bool]:
    return Offer.lead_provider_id == viewer.organisation_id


def contract_delivered(viewer: Viewer) -> ColumnElement[bool]:
    return ServiceContract.offer.has(offer_of_consortium(viewer))


def contract_led(viewer: Viewer) -> ColumnElement[bool]:
    return ServiceContract.offer.has(offer_led(viewer))


def request_sent_to(viewer: Viewer) -> ColumnElement[bool]:
    return RequestForQuotation.distributions.any(
        RequestDistribution.provider_id == viewer.organisation_id
    )


def client_of_provider(viewer: Viewer) -> ColumnElement[bool]:
    """Client companies on requests sent to the provider."""
    return exists(
        select(1)
        .select_from(request_client_company)
        .join(
            RequestDistribution,
            RequestDistribution.request_id == request_client_company.c.request_id,
        )
        .where(
            request_client_company.c.company_id == Organisation.id,
            RequestDistribution.provider_id == viewer.organisation_id,
        )
    )


def client_delivered_to(viewer: Viewer) -> ColumnElement[bool]:
    """Client companies of contracts the provider delivers."""
    return exists(
        select(1)
        .select_from(request_client_company)
        .join(Offer, Offer.request_id == request_client_company.c.request_id)
        .join(ServiceContract, ServiceContract.offer_id == Offer.id)
        .where(
            request_client_company.c.company_id == ContactPerson.organisation_id,
            offer_of_consortium(viewer),
        )
    )


# --- What a client company owns ------------------------------------------------


def request_of_client(viewer: Viewer) -> ColumnElement[bool]:
    return RequestForQuotation.client_companies.any(
        Organisation.id == viewer.organisation_id
    )


def offer_received(viewer: Viewer) -> ColumnElement[bool]:
    """Offers to the client's requests, once their deadline has passed."""
    return and_(
        Offer.request.has(and_(request_of_client(viewer), deadline_passed())),
        Offer.status.in_(
            [OfferStatus.submitted, OfferStatus.accepted, OfferStatus.rejected]
        ),
    )


def contract_of_client(viewer: Viewer) -> ColumnElement[bool]:
    return ServiceContract.offer.has(Offer.request.has(request_of_client(viewer)))


# --- Records that hang from a contract ------------------------------------------


def delivery_rules(contract: Rule) -> dict[type, Rule]:
    """The same contract rule carried to every record of the delivery."""

    def on_contract(model):
        return lambda viewer: model.contract.has(contract(viewer))

    def on_plan(model):
        return lambda viewer: model.plan.has(
            ImplementationPlan.contract.has(contract(viewer))
        )

    return {
        ServiceContract: contract,
        ImplementationPlan: on_contract(ImplementationPlan),
        TrainingSession: on_plan(TrainingSession),
        FeedbackPoint: on_plan(FeedbackPoint),
        InvoicingMilestone: on_plan(InvoicingMilestone),
        Participant: on_contract(Participant),
        FeedbackSurvey: on_contract(FeedbackSurvey),
        FeedbackAnswer: lambda viewer: FeedbackAnswer.survey.has(
            FeedbackSurvey.contract.has(contract(viewer))
        ),
        Certificate: lambda viewer: Certificate.participant.has(
            Participant.contract.has(contract(viewer))
        ),
        Invoice: on_contract(Invoice),
        InvoiceLine: lambda viewer: InvoiceLine.invoice.has(
            Invoice.contract.has(contract(viewer))
        ),
        ClosingReport: on_contract(ClosingReport),
    }


def draft_led(viewer: Viewer) -> ColumnElement[bool]:
    """Offers the provider leads that are still drafts: a submitted offer
    changes only through a new version."""
    return and_(offer_led(viewer), Offer.status == OfferStatus.draft)
