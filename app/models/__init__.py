"""The domain model of the service path, one module per area.

Importing this package registers every table on Flask-AppBuilder's metadata,
which is what Alembic compares the database with.
"""

from flask_appbuilder.security.sqla.models import User  # noqa: F401

from app.models.accounts import OperatorUser
from app.models.agreements import PartnershipAgreement
from app.models.audit import AuditAction, AuditEvent
from app.models.certificates import Certificate
from app.models.contracts import ContractStatus, ServiceContract
from app.models.delivery import (
    FeedbackPoint,
    ImplementationPlan,
    InvoicingMilestone,
    Participant,
    PlanStatus,
    TrainingSession,
)
from app.models.feedback import (
    FeedbackAnswer,
    FeedbackSurvey,
    FeedbackValue,
    SurveyInvitation,
    SurveyKind,
)
from app.models.feedback_follow_up import FeedbackFollowUp, FollowUpStatus
from app.models.foresight import ForesightNote
from app.models.invoice_choices import InvoiceKind, InvoiceStatus, MilestoneStatus
from app.models.invoicing import CommissionRule, Invoice, InvoiceLine
from app.models.leads import Lead, LeadSource, LeadStatus
from app.models.needs import NeedsAssessment, NeedStatus
from app.models.notes import PathNote
from app.models.offers import ConsortiumMember, Offer, OfferSecret, OfferStatus
from app.models.organisations import (
    ContactPerson,
    Organisation,
    OrganisationKind,
    SizeClass,
    Trainer,
)
from app.models.outbox import OutboxMessage, OutboxStatus
from app.models.question_sets import QuestionKind, QuestionSet, SurveyQuestion
from app.models.questions import RequestQuestion
from app.models.quotations import (
    RequestDistribution,
    RequestForQuotation,
    RequestStatus,
    SoughtDelivery,
)
from app.models.reminders import ReminderKind, ReminderRule
from app.models.reporting import ClosingReport, ReportStatus
from app.models.service_menu import (
    DeliveryFormat,
    FundingOption,
    ServiceEntity,
    ServiceTheme,
)
from app.models.steering import (
    AgendaItem,
    Decision,
    DecisionStatus,
    Metric,
    MetricTarget,
    StandingTheme,
    SteeringMeeting,
    SteeringTheme,
    ThemeStatus,
)

__all__ = [
    "AuditAction",
    "AuditEvent",
    "OperatorUser",
    "AgendaItem",
    "Certificate",
    "ClosingReport",
    "CommissionRule",
    "ConsortiumMember",
    "ContactPerson",
    "ContractStatus",
    "Decision",
    "DecisionStatus",
    "DeliveryFormat",
    "FeedbackAnswer",
    "FeedbackFollowUp",
    "FeedbackValue",
    "FollowUpStatus",
    "QuestionKind",
    "QuestionSet",
    "SurveyQuestion",
    "SurveyInvitation",
    "FeedbackPoint",
    "FeedbackSurvey",
    "ForesightNote",
    "FundingOption",
    "ImplementationPlan",
    "Invoice",
    "InvoiceKind",
    "InvoiceLine",
    "InvoiceStatus",
    "MilestoneStatus",
    "InvoicingMilestone",
    "Lead",
    "LeadSource",
    "LeadStatus",
    "Metric",
    "MetricTarget",
    "NeedStatus",
    "NeedsAssessment",
    "Offer",
    "OfferSecret",
    "OfferStatus",
    "Organisation",
    "OutboxMessage",
    "OutboxStatus",
    "OrganisationKind",
    "Participant",
    "PathNote",
    "PartnershipAgreement",
    "PlanStatus",
    "ReminderKind",
    "ReminderRule",
    "ReportStatus",
    "RequestDistribution",
    "RequestForQuotation",
    "RequestQuestion",
    "RequestStatus",
    "ServiceContract",
    "ServiceEntity",
    "ServiceTheme",
    "SizeClass",
    "SoughtDelivery",
    "StandingTheme",
    "SteeringMeeting",
    "ThemeStatus",
    "SteeringTheme",
    "SurveyKind",
    "Trainer",
    "TrainingSession",
]
