"""Row-level rules: which records of each model a user may read and write.

A rule is an SQL condition on the model, built for the organisation the user
acts for. A user's conditions are those of their roles, joined with OR; a model
without a rule for any of the user's roles shows nothing. Every screen, related
tab, form choice list and search widget queries through these rules
(``app.security.interface``), so a record outside them does not exist for the
user.
"""

from flask_appbuilder.security.sqla.models import Group, Role
from sqlalchemy import and_, false, or_, true
from sqlalchemy.sql.elements import ColumnElement

from app.models import (
    AgendaItem,
    AuditEvent,
    Certificate,
    CommissionRule,
    ConsortiumMember,
    ContactPerson,
    Decision,
    FeedbackAnswer,
    FeedbackFollowUp,
    FeedbackSurvey,
    ForesightNote,
    FundingOption,
    Invoice,
    Lead,
    MetricTarget,
    NeedsAssessment,
    Offer,
    OfferSecret,
    OperatorUser,
    Organisation,
    OrganisationKind,
    OutboxMessage,
    Participant,
    PartnershipAgreement,
    PathNote,
    QuestionSet,
    ReminderRule,
    RequestDistribution,
    RequestForQuotation,
    RequestQuestion,
    ServiceEntity,
    ServiceTheme,
    StandingTheme,
    SteeringMeeting,
    SurveyQuestion,
    Trainer,
)
from app.security.role_names import (
    ADMIN,
    CLIENT,
    COORDINATOR,
    PROVIDER,
    STEERING_GROUP,
)
from app.security.row_predicates import (
    Rule,
    audit_event_visible,
    client_delivered_to,
    client_of_provider,
    contract_delivered,
    contract_led,
    contract_of_client,
    delivery_rules,
    draft_led,
    everything,
    offer_of_consortium,
    offer_received,
    opened_offer,
    request_of_client,
    request_sent_to,
)
from app.security.viewer import Viewer


def _own_account(viewer: Viewer) -> ColumnElement[bool]:
    return OperatorUser.id == viewer.user_id


SERVICE_MENU = {ServiceEntity: everything, ServiceTheme: everything}
SERVICE_MENU[FundingOption] = everything
QUESTIONS = {QuestionSet: everything, SurveyQuestion: everything}


def _follow_up_led(viewer: Viewer) -> ColumnElement[bool]:
    """Negative feedback of the deliveries the provider leads."""
    return FeedbackFollowUp.survey.has(
        FeedbackSurvey.contract.has(contract_led(viewer))
    )


COORDINATOR_READS: dict[type, Rule] = {
    **{model: everything for model in delivery_rules(everything)},
    **SERVICE_MENU,
    **QUESTIONS,
    FeedbackFollowUp: everything,
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
    Offer: opened_offer,
    ConsortiumMember: lambda viewer: ConsortiumMember.offer.has(opened_offer(viewer)),
    OfferSecret: lambda viewer: OfferSecret.offer.has(opened_offer(viewer)),
    SteeringMeeting: everything,
    AgendaItem: everything,
    Decision: everything,
    StandingTheme: everything,
    MetricTarget: everything,
    ForesightNote: everything,
    AuditEvent: audit_event_visible,
    OutboxMessage: everything,
    PathNote: everything,
    ReminderRule: everything,
    OperatorUser: lambda viewer: ~OperatorUser.roles.any(Role.name == ADMIN),
    Role: lambda viewer: Role.name.in_([COORDINATOR, PROVIDER, STEERING_GROUP, CLIENT]),
}

PROVIDER_READS: dict[type, Rule] = {
    **delivery_rules(contract_delivered),
    **SERVICE_MENU,
    **QUESTIONS,
    FeedbackFollowUp: _follow_up_led,
    Organisation: lambda viewer: or_(
        Organisation.id == viewer.organisation_id,
        Organisation.kind.in_(
            [OrganisationKind.provider, OrganisationKind.coordinator]
        ),
        client_of_provider(viewer),
    ),
    ContactPerson: lambda viewer: or_(
        ContactPerson.organisation_id == viewer.organisation_id,
        client_delivered_to(viewer),
    ),
    Trainer: lambda viewer: Trainer.provider_id == viewer.organisation_id,
    PartnershipAgreement: lambda viewer: (
        PartnershipAgreement.provider_id == viewer.organisation_id
    ),
    RequestForQuotation: request_sent_to,
    RequestDistribution: lambda viewer: (
        RequestDistribution.provider_id == viewer.organisation_id
    ),
    RequestQuestion: lambda viewer: and_(
        RequestQuestion.request.has(request_sent_to(viewer)),
        or_(
            RequestQuestion.provider_id == viewer.organisation_id,
            RequestQuestion.published_on.is_not(None),
        ),
    ),
    Offer: offer_of_consortium,
    ConsortiumMember: lambda viewer: ConsortiumMember.offer.has(
        offer_of_consortium(viewer)
    ),
    OfferSecret: lambda viewer: OfferSecret.offer.has(offer_of_consortium(viewer)),
    OperatorUser: _own_account,
}


# What a provider may change: only what its organisation leads.
PROVIDER_WRITES: dict[type, Rule] = {
    **delivery_rules(contract_led),
    FeedbackFollowUp: _follow_up_led,
    Offer: draft_led,
    ConsortiumMember: lambda viewer: ConsortiumMember.offer.has(draft_led(viewer)),
    OfferSecret: lambda viewer: OfferSecret.offer.has(draft_led(viewer)),
    # Its own questions, until the answer is published.
    RequestQuestion: lambda viewer: and_(
        RequestQuestion.provider_id == viewer.organisation_id,
        RequestQuestion.published_on.is_(None),
    ),
}

CLIENT_READS: dict[type, Rule] = {
    **delivery_rules(contract_of_client),
    **SERVICE_MENU,
    Organisation: lambda viewer: Organisation.id == viewer.organisation_id,
    ContactPerson: lambda viewer: (
        ContactPerson.organisation_id == viewer.organisation_id
    ),
    NeedsAssessment: lambda viewer: (
        NeedsAssessment.company_id == viewer.organisation_id
    ),
    RequestForQuotation: request_of_client,
    Offer: offer_received,
    ConsortiumMember: lambda viewer: ConsortiumMember.offer.has(offer_received(viewer)),
    OfferSecret: lambda viewer: OfferSecret.offer.has(offer_received(viewer)),
    Participant: lambda viewer: and_(
        Participant.contract.has(contract_of_client(viewer)),
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
    StandingTheme: everything,
    MetricTarget: everything,
    ForesightNote: everything,
    CommissionRule: everything,
    OperatorUser: _own_account,
}

ADMIN_READS: dict[type, Rule] = {
    Organisation: everything,
    OutboxMessage: everything,
    Group: everything,
    AuditEvent: audit_event_visible,
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
