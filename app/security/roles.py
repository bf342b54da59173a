"""The fixed roles of the back office, defined in code.

A role is a set of screens with the actions allowed on each. The definitions
become Flask-AppBuilder's built-in roles (``FAB_ROLES``): they are checked in
memory, cannot be edited in the UI, and need no permission rows to work. The
role rows themselves are created by ``flask bootstrap`` so that users can hold
them.
"""

from app.api import API_DOCS, API_RESOURCES
from app.security.role_names import (
    ADMIN,
    CLIENT,
    COORDINATOR,
    PROVIDER,
    ROLE_NAMES,
    STEERING_GROUP,
)
from app.views.menu import (
    COORDINATION,
    MENU,
    PRODUCTION,
    SERVICE_MENU,
    STEERING,
)

READ = ("can_list", "can_show")
WRITE = READ + ("can_add", "can_edit", "can_delete")

# Every signed-in user may read and change their own profile and password.
OWN_ACCOUNT = {
    "OperatorUserView": ("can_userinfo", "userinfoedit", "resetmypassword"),
    "ResetMyPasswordView": ("can_this_form_get", "can_this_form_post"),
    "UserInfoEditView": ("can_this_form_get", "can_this_form_post"),
}


def _category(name: str):
    return next(category for category in MENU if category.name == name)


def _views(category_name: str, actions: tuple[str, ...]) -> dict:
    return {item.view.__name__: actions for item in _category(category_name).items}


def _only(view_names: tuple[str, ...], actions: tuple[str, ...]) -> dict:
    return dict.fromkeys(view_names, actions)


# Flask-AppBuilder's own user and role screens, with their menu entries.
SECURITY_CATEGORY = "Security"
SECURITY_MENU = {
    "OperatorUserView": "List Users",
    "RoleModelView": "List Roles",
    "UserGroupModelView": "List Groups",
    "PermissionModelView": "Base Permissions",
    "ViewMenuModelView": "Views/Menus",
    "PermissionViewModelView": "Permission on Views/Menus",
}
MANAGE_ACCOUNTS = READ + ("can_add", "can_edit")
# The results dashboard: the page and its tables' downloads.
RESULTS = ("can_list", "can_export")

# Requests about personal data: find, read and download, erase.
PERSONAL_DATA = ("can_list", "can_show", "can_download", "can_erase")

# The REST API: reading, adding and changing through it (app/api/).
API_READ = ("can_get",)
API_WRITE = API_READ + ("can_post", "can_put")
API_DOCS_READ = {"OpenApi": ("can_get",), "SwaggerView": ("can_show",)}

SERVICE_MENU_READ = _only(
    ("ServiceEntityView", "ServiceThemeView", "FundingOptionView"), READ
)

# Screen access by role: the screens each role may open and what it may do
# there. Which rows it sees on them is decided by the row rules
# (app/security/row_rules.py). The README's role table says the same.
ROLE_SCREENS: dict[str, dict[str, tuple[str, ...]]] = {
    COORDINATOR: {
        **_views(COORDINATION, WRITE),
        "LeadView": WRITE + ("mark_contacted", "qualify", "drop"),
        "RequestForQuotationView": WRITE + ("publish", "cancel", "can_disclosure"),
        "RequestQuestionView": READ + ("can_edit", "can_delete", "publish_answer"),
        "JointProcurementView": ("can_list", "can_draft"),
        **_views(PRODUCTION, READ),
        "OfferView": READ + ("accept",),
        "ServiceContractView": WRITE + ("close", "follow_up"),
        "FeedbackSurveyView": WRITE,
        "CertificateView": READ + ("can_pdf",),
        "QuestionSetView": WRITE,
        "SurveyQuestionView": WRITE,
        "ClosingReportView": READ + ("review_report",),
        **_views(SERVICE_MENU, WRITE),
        **_views(STEERING, WRITE),
        "DashboardView": RESULTS,
        "StandingThemeView": READ + ("can_edit",),
        "SteeringMeetingView": WRITE + ("can_report",),
        "AuditEventView": READ,
        "OutboxMessageView": READ,
        "ReminderRuleView": READ + ("can_edit",),
        "PersonalDataView": PERSONAL_DATA,
        "OperatorUserView": MANAGE_ACCOUNTS,
        "LeadApi": API_WRITE,
        "CompanyApi": API_WRITE,
        **_only(("ServiceEntityApi", "RequestApi", "OfferApi"), API_READ),
        **API_DOCS_READ,
    },
    PROVIDER: {
        "RequestDistributionView": READ + ("can_edit", "decline"),
        "RequestQuestionView": WRITE,
        "OfferView": WRITE + ("submit", "revise", "withdraw"),
        "ConsortiumMemberView": WRITE + ("confirm",),
        "OfferSecretView": WRITE,
        "ServiceContractView": READ + ("prepare", "start", "deliver", "draft_report"),
        **_only(
            (
                "RequestForQuotationView",
                "ClientCompanyView",
                "ContactPersonView",
                "FeedbackSurveyView",
                "QuestionSetView",
                "SurveyQuestionView",
                "ProviderView",
                "PartnershipAgreementView",
            ),
            READ,
        ),
        **_only(
            (
                "ImplementationPlanView",
                "TrainingSessionView",
                "FeedbackPointView",
                "InvoicingMilestoneView",
                "ParticipantView",
                "TrainerView",
                "InvoiceView",
                "InvoiceLineView",
            ),
            WRITE,
        ),
        "InvoicingMilestoneView": WRITE + ("invoice_milestone",),
        "CertificateView": WRITE + ("can_pdf",),
        "ClosingReportView": WRITE + ("submit_report",),
        "FeedbackFollowUpView": READ + ("can_edit", "close_follow_up"),
        **SERVICE_MENU_READ,
        **_only(("CompanyApi", "ServiceEntityApi", "RequestApi"), API_READ),
        "OfferApi": API_WRITE,
        **API_DOCS_READ,
    },
    STEERING_GROUP: {
        **_views(STEERING, READ),
        "DashboardView": RESULTS,
        "SteeringMeetingView": READ + ("can_report",),
        **_only(("ProviderView", "CommissionRuleView"), READ),
        **SERVICE_MENU_READ,
        "ServiceEntityApi": API_READ,
        **API_DOCS_READ,
    },
    CLIENT: {
        **_only(
            (
                "ClientCompanyView",
                "ContactPersonView",
                "NeedsAssessmentView",
                "RequestForQuotationView",
                "ConsortiumMemberView",
                "OfferSecretView",
                "ServiceContractView",
                "ImplementationPlanView",
                "TrainingSessionView",
                "FeedbackPointView",
                "InvoicingMilestoneView",
                "ParticipantView",
                "FeedbackSurveyView",
                "CertificateView",
                "InvoiceView",
                "InvoiceLineView",
                "ClosingReportView",
            ),
            READ,
        ),
        "OfferView": READ + ("accept",),
        "CertificateView": READ + ("can_pdf",),
        **SERVICE_MENU_READ,
        **_only(("CompanyApi", "ServiceEntityApi", "RequestApi", "OfferApi"), API_READ),
        **API_DOCS_READ,
    },
    ADMIN: {
        "OrganisationView": WRITE,
        "AuditEventView": READ,
        "OutboxMessageView": READ,
        "ReminderRuleView": READ + ("can_edit",),
        "OperatorUserView": MANAGE_ACCOUNTS + ("can_delete", "resetpasswords"),
        "ResetPasswordView": ("can_this_form_get", "can_this_form_post"),
        "RoleModelView": READ,
        "UserGroupModelView": WRITE,
        "PermissionModelView": ("can_list",),
        "ViewMenuModelView": ("can_list",),
        "PermissionViewModelView": ("can_list",),
    },
}


def _menu_entries(screens: dict[str, tuple[str, ...]]) -> list[str]:
    """The menu names a role needs to see the screens it may list."""
    names = []
    security = [
        name
        for view, name in SECURITY_MENU.items()
        if "can_list" in screens.get(view, ())
    ]
    if security:
        names += [SECURITY_CATEGORY, *security]
    for category in MENU:
        items = [
            item.name
            for item in category.items
            if "can_list" in screens.get(item.view.__name__, ())
        ]
        if items:
            names.append(category.name)
            names.extend(items)
    return names


def _exact(names) -> str:
    return "^(" + "|".join(names) + ")$"


def role_grants(role: str) -> dict[str, tuple[str, ...]]:
    """Everything a role may do, screen by screen: its own screens and the
    signed-in user's own account."""
    screens = ROLE_SCREENS.get(role, {})
    grants = {}
    for view in OWN_ACCOUNT.keys() | screens.keys():
        actions = OWN_ACCOUNT.get(view, ()) + screens.get(view, ())
        grants[view] = tuple(dict.fromkeys(actions))
    return grants


def fab_roles() -> dict[str, list[list[str]]]:
    """The roles in Flask-AppBuilder's ``FAB_ROLES`` form: pairs of a view name
    pattern and a permission pattern, anchored so that a name matches only
    itself."""
    roles = {}
    for role, screens in ROLE_SCREENS.items():
        pairs = [
            [_exact([view]), _exact(actions)]
            for view, actions in sorted(role_grants(role).items())
        ]
        menus = _menu_entries(screens)
        if menus:
            pairs.append([_exact(menus), "^menu_access$"])
        roles[role] = pairs
    return roles


__all__ = ["ROLE_NAMES", "ROLE_SCREENS", "fab_roles"]


ACTION_WORDS = {
    "can_list": "list",
    "can_show": "show",
    "can_add": "add",
    "can_edit": "edit",
    "can_delete": "delete",
    "resetpasswords": "reset passwords",
    "mark_contacted": "mark contacted",
    "qualify": "qualify",
    "drop": "drop",
    "publish": "publish",
    "cancel": "cancel",
    "submit": "submit",
    "revise": "new version",
    "withdraw": "withdraw",
    "accept": "accept",
    "confirm": "confirm",
    "decline": "decline",
    "publish_answer": "publish answer",
    "prepare": "prepare",
    "start": "start",
    "deliver": "deliver",
    "close": "close",
    "follow_up": "follow-up",
    "submit_report": "submit",
    "can_draft": "make a joint request",
    "review_report": "review",
    "close_follow_up": "close",
    "can_pdf": "PDF",
    "can_export": "export",
    "can_report": "PDF report",
    "invoice_milestone": "invoice",
    "draft_report": "draft closing report",
    "can_this_form_get": "open",
    "can_this_form_post": "save",
    "can_get": "read",
    "can_post": "add",
    "can_put": "edit",
    "can_disclosure": "public disclosure",
    "can_download": "download",
    "can_erase": "erase",
}


def role_table() -> str:
    """The role table of the README, in Markdown: one row per screen, one
    column per role, the allowed actions in each cell."""
    views = []
    for category in MENU:
        views += [(item.view.__name__, item.name) for item in category.items]
    views += list(SECURITY_MENU.items()) + [("ResetPasswordView", "Reset Password")]
    views += list(API_RESOURCES.items()) + list(API_DOCS.items())
    roles = list(ROLE_SCREENS)
    lines = [
        "| screen | " + " | ".join(roles) + " |",
        "|---" * (len(roles) + 1) + "|",
    ]
    for view, name in views:
        cells = [
            ", ".join(ACTION_WORDS[a] for a in ROLE_SCREENS[role].get(view, ())) or "–"
            for role in roles
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
