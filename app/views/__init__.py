"""The screens of the back office and their registration with Flask-AppBuilder."""

from flask_appbuilder import AppBuilder

from app.views.calendar_feed import CalendarFeedView
from app.views.certificates import CertificateCheckView
from app.views.coordination import (
    LeadView,
    NeedsAssessmentView,
    RequestDistributionView,
    RequestForQuotationView,
)
from app.views.delivery import InvoiceView, ParticipantView
from app.views.menu import MENU
from app.views.notes import PathNoteView
from app.views.organisations import (
    ClientCompanyView,
    ContactPersonView,
    ProviderView,
    TrainerView,
)
from app.views.production import OfferView
from app.views.public import CompanyLookupView, PublicView
from app.views.questions import RequestQuestionView
from app.views.service_menu import PartnershipAgreementView
from app.views.survey_answer import SurveyAnswerView

# Tabs on the show pages that tie a company's and a request's story together.
# Set here, after every view class exists, since the tabs point across modules.
ClientCompanyView.related_views = [
    PathNoteView,
    ContactPersonView,
    LeadView,
    NeedsAssessmentView,
    RequestForQuotationView,
    ParticipantView,
    InvoiceView,
]
ProviderView.related_views = [ContactPersonView, TrainerView, PartnershipAgreementView]
RequestForQuotationView.related_views = [
    NeedsAssessmentView,
    RequestDistributionView,
    RequestQuestionView,
    PathNoteView,
    OfferView,
]


def register_views(appbuilder: AppBuilder) -> None:
    """Add every screen to the menu, category by category."""
    for category in MENU:
        for item in category.items:
            appbuilder.add_view(
                item.view,
                item.name,
                icon=item.icon,
                label=item.label,
                category=category.name,
                category_label=category.label,
                category_icon=category.icon,
            )
    appbuilder.add_view_no_menu(SurveyAnswerView)
    appbuilder.add_view_no_menu(CertificateCheckView)
    appbuilder.add_view_no_menu(CalendarFeedView)
    appbuilder.add_view_no_menu(PublicView)
    appbuilder.add_view_no_menu(CompanyLookupView)
