"""Row-level rules: which records of each model a user may read and write.

A rule is an SQL condition on the model, built for the organisation the user
acts for. A user's conditions are those of their roles, joined with OR; a model
without a rule for any of the user's roles shows nothing. Every screen, related
tab, form choice list and search widget queries through these rules
(``app.security.interface``), so a record outside them does not exist for the
user.
"""

from collections.abc import Callable

from flask_appbuilder.security.sqla.models import Group, Role
from sqlalchemy import and_, exists, false, or_, select, true
from sqlalchemy.sql.elements import ColumnElement

from app.models import (
    AgendaItem,
    AuditEvent,
    Certificate,
    ClosingReport,
    CommissionRule,
    ConsortiumMember,
    ContactPerson,
    Decision,
    FeedbackAnswer,
    FeedbackPoint,
    FeedbackSurvey,
    ForesightNote,
    FundingOption,
    ImplementationPlan,
    Invoice,
    InvoicingMilestone,
    Lead,
    MetricTarget,
    NeedsAssessment,
    Offer,
    OfferStatus,
    OperatorUser,
    Organisation,
    OrganisationKind,
    OutboxMessage,
    Participant,
    PartnershipAgreement,
    PathNote,
    ReminderRule,
    RequestDistribution,
    RequestForQuotation,
    RequestQuestion,
    ServiceContract,
    ServiceEntity,
    ServiceTheme,
    SteeringMeeting,
    Trainer,
    TrainingSession,
)
from app.models.quotations import request_client_company
from app.security.role_names import (
    ADMIN,
    CLIENT,
    COORDINATOR,
    PROVIDER,
    STEERING_GROUP,
)
from app.security.viewer import Viewer
from app.services.clock import local_now

Rule = Callable[[Viewer], ColumnElement[bool]]


def everything(viewer: Viewer) -> ColumnElement[bool]:
    return true()


# --- Offers are sealed until the deadline --------------------------------------


def _deadline_passed() -> ColumnElement[bool]:
    return RequestForQuotation.offer_deadline <= local_now()


def _opened_offer(viewer: Viewer) -> ColumnElement[bool]:
    return Offer.request.has(_deadline_passed())


def _audit_event_visible(viewer: Viewer) -> ColumnElement[bool]:
    """Events of sealed offers and their consortium members hold the offer's
    content; they stay hidden until the deadline, as the offer itself."""
    offer_opened = exists(
        select(1).where(Offer.id == AuditEvent.record_id, _opened_offer(viewer))
    )
    member_opened = exists(
        select(1).where(
            ConsortiumMember.id == AuditEvent.record_id,
            ConsortiumMember.offer.has(_opened_offer(viewer)),
        )
    )
    return or_(
        AuditEvent.record_type.is_(None),
        AuditEvent.record_type.not_in(["Offer", "ConsortiumMember"]),
        and_(AuditEvent.record_type == "Offer", offer_opened),
        and_(AuditEvent.record_type == "ConsortiumMember", member_opened),
    )


# --- What a provider takes part in ---------------------------------------------


def _offer_of_consortium(viewer: Viewer) -> ColumnElement[bool]:
    """Offers the provider leads or is a member of."""
    return or_(
        Offer.lead_provider_id == viewer.organisation_id,
        Offer.members.any(ConsortiumMember.provider_id == viewer.organisation_id),
    )


def _offer_led(viewer: Viewer) -> ColumnElement[bool]:
    return Offer.lead_provider_id == viewer.organisation_id


def _contract_delivered(viewer: Viewer) -> ColumnElement[bool]:
    return ServiceContract.offer.has(_offer_of_consortium(viewer))


def _contract_led(viewer: Viewer) -> ColumnElement[bool]:
    return ServiceContract.offer.has(_offer_led(viewer))


def _request_sent_to(viewer: Viewer) -> ColumnElement[bool]:
    return RequestForQuotation.distributions.any(
        RequestDistribution.provider_id == viewer.organisation_id
    )


def _client_of_provider(viewer: Viewer) -> ColumnElement[bool]:
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


def _client_delivered_to(viewer: Viewer) -> ColumnElement[bool]:
    """Client companies of contracts the provider delivers."""
    return exists(
        select(1)
        .select_from(request_client_company)
        .join(Offer, Offer.request_id == request_client_company.c.request_id)
        .join(ServiceContract, ServiceContract.offer_id == Offer.id)
        .where(
            request_client_company.c.company_id == ContactPerson.organisation_id,
            _offer_of_consortium(viewer),
        )
    )


# --- What a client company owns ------------------------------------------------


def _request_of_client(viewer: Viewer) -> ColumnElement[bool]:
    return RequestForQuotation.client_companies.any(
        Organisation.id == viewer.organisation_id
    )


def _offer_received(viewer: Viewer) -> ColumnElement[bool]:
    """Offers to the client's requests, once their deadline has passed."""
    return and_(
        Offer.request.has(and_(_request_of_client(viewer), _deadline_passed())),
        Offer.status.in_(
            [OfferStatus.submitted, OfferStatus.accepted, OfferStatus.rejected]
        ),
    )


def _contract_of_client(viewer: Viewer) -> ColumnElement[bool]:
    return ServiceContract.offer.has(Offer.request.has(_request_of_client(viewer)))


# --- Records that hang from a contract ------------------------------------------


def _delivery_rules(contract: Rule) -> dict[type, Rule]:
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
        ClosingReport: on_contract(ClosingReport),
    }


def _own_account(viewer: Viewer) -> ColumnElement[bool]:
    return OperatorUser.id == viewer.user_id


SERVICE_MENU = {ServiceEntity: everything, ServiceTheme: everything}
SERVICE_MENU[FundingOption] = everything

COORDINATOR_READS: dict[type, Rule] = {
    **{model: everything for model in _delivery_rules(everything)},
    **SERVICE_MENU,
    Organisation: everything,
    ContactPerson: everything,
    Trainer: everything,
    PartnershipAgreement: everything,
    CommissionRule: everything,
    Lead: everything,
    NeedsAssessment: everything,
    RequestForQuotation: everything,
    RequestDistribution: everything,
    RequestQuestion: everything,
    Offer: _opened_offer,
    ConsortiumMember: lambda viewer: ConsortiumMember.offer.has(_opened_offer(viewer)),
    SteeringMeeting: everything,
    AgendaItem: everything,
    Decision: everything,
    MetricTarget: everything,
    ForesightNote: everything,
    AuditEvent: _audit_event_visible,
    OutboxMessage: everything,
    PathNote: everything,
    ReminderRule: everything,
    OperatorUser: lambda viewer: ~OperatorUser.roles.any(Role.name == ADMIN),
    Role: lambda viewer: Role.name.in_([COORDINATOR, PROVIDER, STEERING_GROUP, CLIENT]),
}

PROVIDER_READS: dict[type, Rule] = {
    **_delivery_rules(_contract_delivered),
    **SERVICE_MENU,
    Organisation: lambda viewer: or_(
        Organisation.id == viewer.organisation_id,
        Organisation.kind.in_(
            [OrganisationKind.provider, OrganisationKind.coordinator]
        ),
        _client_of_provider(viewer),
    ),
    ContactPerson: lambda viewer: or_(
        ContactPerson.organisation_id == viewer.organisation_id,
        _client_delivered_to(viewer),
    ),
    Trainer: lambda viewer: Trainer.provider_id == viewer.organisation_id,
    PartnershipAgreement: lambda viewer: (
        PartnershipAgreement.provider_id == viewer.organisation_id
    ),
    RequestForQuotation: _request_sent_to,
    RequestDistribution: lambda viewer: (
        RequestDistribution.provider_id == viewer.organisation_id
    ),
    RequestQuestion: lambda viewer: and_(
        RequestQuestion.request.has(_request_sent_to(viewer)),
        or_(
            RequestQuestion.provider_id == viewer.organisation_id,
            RequestQuestion.published_on.is_not(None),
        ),
    ),
    Offer: _offer_of_consortium,
    ConsortiumMember: lambda viewer: ConsortiumMember.offer.has(
        _offer_of_consortium(viewer)
    ),
    OperatorUser: _own_account,
}


def _draft_led(viewer: Viewer) -> ColumnElement[bool]:
    """Offers the provider leads that are still drafts: a submitted offer
    changes only through a new version."""
    return and_(_offer_led(viewer), Offer.status == OfferStatus.draft)


# What a provider may change: only what its organisation leads.
PROVIDER_WRITES: dict[type, Rule] = {
    **_delivery_rules(_contract_led),
    Offer: _draft_led,
    ConsortiumMember: lambda viewer: ConsortiumMember.offer.has(_draft_led(viewer)),
    # Its own questions, until the answer is published.
    RequestQuestion: lambda viewer: and_(
        RequestQuestion.provider_id == viewer.organisation_id,
        RequestQuestion.published_on.is_(None),
    ),
}

CLIENT_READS: dict[type, Rule] = {
    **_delivery_rules(_contract_of_client),
    **SERVICE_MENU,
    Organisation: lambda viewer: Organisation.id == viewer.organisation_id,
    ContactPerson: lambda viewer: (
        ContactPerson.organisation_id == viewer.organisation_id
    ),
    NeedsAssessment: lambda viewer: (
        NeedsAssessment.company_id == viewer.organisation_id
    ),
    RequestForQuotation: _request_of_client,
    Offer: _offer_received,
    ConsortiumMember: lambda viewer: ConsortiumMember.offer.has(
        _offer_received(viewer)
    ),
    Participant: lambda viewer: and_(
        Participant.contract.has(_contract_of_client(viewer)),
        Participant.company_id == viewer.organisation_id,
    ),
    Certificate: lambda viewer: Certificate.participant.has(
        Participant.company_id == viewer.organisation_id
    ),
    Invoice: lambda viewer: Invoice.company_id == viewer.organisation_id,
    FeedbackAnswer: lambda viewer: false(),
    OperatorUser: _own_account,
}

STEERING_READS: dict[type, Rule] = {
    **SERVICE_MENU,
    Organisation: lambda viewer: Organisation.kind.in_(
        [OrganisationKind.provider, OrganisationKind.coordinator]
    ),
    SteeringMeeting: everything,
    AgendaItem: everything,
    Decision: everything,
    MetricTarget: everything,
    ForesightNote: everything,
    CommissionRule: everything,
    OperatorUser: _own_account,
}

ADMIN_READS: dict[type, Rule] = {
    Organisation: everything,
    OutboxMessage: everything,
    Group: everything,
    AuditEvent: _audit_event_visible,
    OperatorUser: everything,
    Role: everything,
}

READ_RULES: dict[str, dict[type, Rule]] = {
    COORDINATOR: COORDINATOR_READS,
    PROVIDER: PROVIDER_READS,
    CLIENT: CLIENT_READS,
    STEERING_GROUP: STEERING_READS,
    ADMIN: ADMIN_READS,
}

# Where a role may change less than it may read; elsewhere writing follows
# reading (and the role's screen permissions decide whether it writes at all).
WRITE_RULES: dict[str, dict[type, Rule]] = {PROVIDER: PROVIDER_WRITES}

# The audit log is never changed through the application.
NEVER_WRITTEN = {AuditEvent}


def read_condition(model: type, viewer: Viewer) -> ColumnElement[bool]:
    """The condition a row of ``model`` must meet for ``viewer`` to read it."""
    return _condition(model, viewer, [READ_RULES])


def write_condition(model: type, viewer: Viewer) -> ColumnElement[bool]:
    """The condition a row must meet, before and after a change, for ``viewer``
    to create, change or delete it."""
    if model in NEVER_WRITTEN:
        return false()
    return _condition(model, viewer, [WRITE_RULES, READ_RULES])


def _condition(model, viewer, rule_tables) -> ColumnElement[bool]:
    """The OR of the first rule found for each of the viewer's roles."""
    if viewer.is_system:
        return true()
    conditions = []
    for role in sorted(viewer.roles):
        for table in rule_tables:
            rule = table.get(role, {}).get(model)
            if rule is not None:
                conditions.append(rule(viewer))
                break
    return or_(*conditions) if conditions else false()
