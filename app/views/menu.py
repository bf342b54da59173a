"""The menu, grouped the way users think of their work.

Roles (``app.security.roles``) grant access by the category and view names
given here, so a screen added to the menu is added to the roles' reach in the
same place.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app.views.audit import AuditEventView
from app.views.certificates import CertificateView
from app.views.coordination import (
    LeadView,
    NeedsAssessmentView,
    RequestDistributionView,
    RequestForQuotationView,
)
from app.views.dashboard import DashboardView
from app.views.delivery import (
    ClosingReportView,
    FeedbackPointView,
    FeedbackSurveyView,
    ImplementationPlanView,
    InvoiceLineView,
    InvoiceView,
    InvoicingMilestoneView,
    ParticipantView,
    TrainingSessionView,
)
from app.views.feedback import (
    FeedbackFollowUpView,
    QuestionSetView,
    SurveyQuestionView,
)
from app.views.joint_procurement import JointProcurementView
from app.views.notes import PathNoteView
from app.views.offer_secrets import OfferSecretView
from app.views.organisations import (
    ClientCompanyView,
    ContactPersonView,
    OrganisationView,
    ProviderView,
    TrainerView,
)
from app.views.outbox import OutboxMessageView
from app.views.personal_data import PersonalDataView
from app.views.production import ConsortiumMemberView, OfferView, ServiceContractView
from app.views.questions import RequestQuestionView
from app.views.reminders import ReminderRuleView
from app.views.service_menu import (
    CommissionRuleView,
    FundingOptionView,
    PartnershipAgreementView,
    ServiceEntityView,
    ServiceThemeView,
)
from app.views.steering import (
    AgendaItemView,
    DecisionView,
    ForesightNoteView,
    MetricTargetView,
    StandingThemeView,
    SteeringMeetingView,
)


@dataclass(frozen=True)
class MenuItem:
    view: type
    name: str
    label: object
    icon: str


@dataclass(frozen=True)
class MenuCategory:
    name: str
    label: object
    icon: str
    items: tuple[MenuItem, ...]


COORDINATION = "Coordination path"
PRODUCTION = "Service production"
SERVICE_MENU = "Service menu"
STEERING = "Steering group"
ADMINISTRATION = "Administration"

MENU = (
    MenuCategory(
        COORDINATION,
        _l("Coordination path"),
        "fa-route",
        (
            MenuItem(LeadView, "Leads", _l("Leads"), "fa-bullseye"),
            MenuItem(
                ClientCompanyView,
                "Client companies",
                _l("Client companies"),
                "fa-building",
            ),
            MenuItem(
                ContactPersonView,
                "Contact people",
                _l("Contact people"),
                "fa-address-book",
            ),
            MenuItem(
                NeedsAssessmentView,
                "Needs assessments",
                _l("Needs assessments"),
                "fa-clipboard-list",
            ),
            MenuItem(
                RequestForQuotationView,
                "Requests for quotation",
                _l("Requests for quotation"),
                "fa-file-signature",
            ),
            MenuItem(
                JointProcurementView,
                "Joint procurement",
                _l("Joint procurement"),
                "fa-object-group",
            ),
            MenuItem(
                PathNoteView,
                "Coordinator's notes",
                _l("Coordinator's notes"),
                "fa-sticky-note",
            ),
            MenuItem(
                RequestQuestionView,
                "Questions and answers",
                _l("Questions and answers"),
                "fa-question-circle",
            ),
            MenuItem(
                RequestDistributionView,
                "Distribution to providers",
                _l("Distribution to providers"),
                "fa-paper-plane",
            ),
        ),
    ),
    MenuCategory(
        PRODUCTION,
        _l("Service production"),
        "fa-industry",
        (
            MenuItem(OfferView, "Offers", _l("Offers"), "fa-handshake"),
            MenuItem(
                ConsortiumMemberView,
                "Consortium members",
                _l("Consortium members"),
                "fa-users",
            ),
            MenuItem(
                OfferSecretView,
                "Business secrets",
                _l("Business secrets"),
                "fa-user-secret",
            ),
            MenuItem(
                ServiceContractView,
                "Service contracts",
                _l("Service contracts"),
                "fa-file-contract",
            ),
            MenuItem(
                ImplementationPlanView,
                "Implementation plans",
                _l("Implementation plans"),
                "fa-tasks",
            ),
            MenuItem(
                TrainingSessionView,
                "Training sessions",
                _l("Training sessions"),
                "fa-chalkboard-teacher",
            ),
            MenuItem(
                FeedbackPointView,
                "Interim feedback points",
                _l("Interim feedback points"),
                "fa-flag",
            ),
            MenuItem(
                InvoicingMilestoneView,
                "Invoicing milestones",
                _l("Invoicing milestones"),
                "fa-calendar-check",
            ),
            MenuItem(ParticipantView, "Participants", _l("Participants"), "fa-user"),
            MenuItem(TrainerView, "Trainers", _l("Trainers"), "fa-user-tie"),
            MenuItem(
                FeedbackSurveyView,
                "Feedback surveys",
                _l("Feedback surveys"),
                "fa-poll",
            ),
            MenuItem(
                FeedbackFollowUpView,
                "Negative feedback",
                _l("Negative feedback"),
                "fa-comment-slash",
            ),
            MenuItem(
                QuestionSetView, "Question sets", _l("Question sets"), "fa-list-ol"
            ),
            MenuItem(
                SurveyQuestionView,
                "Survey questions",
                _l("Survey questions"),
                "fa-question",
            ),
            MenuItem(
                CertificateView, "Certificates", _l("Certificates"), "fa-certificate"
            ),
            MenuItem(InvoiceView, "Invoices", _l("Invoices"), "fa-file-invoice"),
            MenuItem(InvoiceLineView, "Invoice lines", _l("Invoice lines"), "fa-list"),
            MenuItem(
                ClosingReportView,
                "Closing reports",
                _l("Closing reports"),
                "fa-flag-checkered",
            ),
        ),
    ),
    MenuCategory(
        SERVICE_MENU,
        _l("Service menu"),
        "fa-th-list",
        (
            MenuItem(
                ServiceEntityView,
                "Service entities",
                _l("Service entities"),
                "fa-th-list",
            ),
            MenuItem(ServiceThemeView, "Themes", _l("Themes"), "fa-tags"),
            MenuItem(
                FundingOptionView,
                "Funding options",
                _l("Funding options"),
                "fa-euro-sign",
            ),
            MenuItem(ProviderView, "Provider pool", _l("Provider pool"), "fa-school"),
            MenuItem(
                PartnershipAgreementView,
                "Partnership agreements",
                _l("Partnership agreements"),
                "fa-file-signature",
            ),
            MenuItem(
                CommissionRuleView,
                "Commission rules",
                _l("Commission rules"),
                "fa-percent",
            ),
        ),
    ),
    MenuCategory(
        STEERING,
        _l("Steering group"),
        "fa-landmark",
        (
            MenuItem(DashboardView, "Results", _l("Results"), "fa-chart-bar"),
            MenuItem(
                SteeringMeetingView, "Meetings", _l("Meetings"), "fa-calendar-alt"
            ),
            MenuItem(AgendaItemView, "Agenda items", _l("Agenda items"), "fa-list-ol"),
            MenuItem(DecisionView, "Decisions", _l("Decisions"), "fa-gavel"),
            MenuItem(
                StandingThemeView,
                "Standing themes",
                _l("Standing themes"),
                "fa-thumbtack",
            ),
            MenuItem(
                MetricTargetView,
                "Metric targets",
                _l("Metric targets"),
                "fa-bullseye",
            ),
            MenuItem(
                ForesightNoteView,
                "Foresight notes",
                _l("Foresight notes"),
                "fa-binoculars",
            ),
        ),
    ),
    MenuCategory(
        ADMINISTRATION,
        _l("Administration"),
        "fa-cogs",
        (
            MenuItem(
                OrganisationView,
                "All organisations",
                _l("All organisations"),
                "fa-sitemap",
            ),
            MenuItem(AuditEventView, "Audit log", _l("Audit log"), "fa-history"),
            MenuItem(OutboxMessageView, "Sent mail", _l("Sent mail"), "fa-envelope"),
            MenuItem(
                ReminderRuleView, "Reminder rules", _l("Reminder rules"), "fa-bell"
            ),
            MenuItem(
                PersonalDataView,
                "Personal data",
                _l("Personal data"),
                "fa-user-shield",
            ),
        ),
    ),
)
