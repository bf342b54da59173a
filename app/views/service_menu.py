"""Screens for the service menu, the provider pool's agreements, funding options
and the coordinator's commission rules."""

from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_babel import lazy_gettext as _l

from app.models import (
    CommissionRule,
    FundingOption,
    OrganisationKind,
    PartnershipAgreement,
    ServiceEntity,
    ServiceTheme,
)
from app.views.base import OperatorModelView, interface
from app.views.validators import InRange, NotBefore, Positive

PROVIDERS_ONLY = [["kind", FilterEqual, OrganisationKind.provider]]


class ServiceThemeView(OperatorModelView):
    datamodel = interface(ServiceTheme)
    list_title = _l("Themes")
    show_title = _l("Theme")
    add_title = _l("Add a theme")
    edit_title = _l("Edit theme")
    list_columns = ["name", "description"]
    search_columns = ["name", "description"]
    add_columns = edit_columns = ["name", "description"]
    base_order = ("name", "asc")


class ServiceEntityView(OperatorModelView):
    datamodel = interface(ServiceEntity)
    list_title = _l("Service menu")
    show_title = _l("Service entity")
    add_title = _l("Add a service entity")
    edit_title = _l("Edit service entity")
    list_columns = ["name", "themes", "typical_format", "is_active"]
    search_columns = ["name", "description", "typical_format", "is_active"]
    add_columns = edit_columns = [
        "name",
        "description",
        "themes",
        "providers",
        "typical_format",
        "typical_duration_hours",
        "is_active",
    ]
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "providers": PROVIDERS_ONLY
    }
    validators_columns = {"typical_duration_hours": [Positive()]}
    base_order = ("name", "asc")


class FundingOptionView(OperatorModelView):
    datamodel = interface(FundingOption)
    list_title = _l("Funding options")
    show_title = _l("Funding option")
    add_title = _l("Add a funding option")
    edit_title = _l("Edit funding option")
    list_columns = [
        "name",
        "funder",
        "employer_share_percent",
        "suits_joint_procurement",
    ]
    search_columns = ["name", "funder", "description", "suits_joint_procurement"]
    add_columns = edit_columns = [
        "name",
        "funder",
        "description",
        "employer_share_percent",
        "suits_joint_procurement",
        "website",
    ]
    validators_columns = {"employer_share_percent": [InRange(0, 100)]}
    base_order = ("name", "asc")


class PartnershipAgreementView(OperatorModelView):
    datamodel = interface(PartnershipAgreement)
    list_title = _l("Partnership agreements")
    show_title = _l("Partnership agreement")
    add_title = _l("Add a partnership agreement")
    edit_title = _l("Edit partnership agreement")
    list_columns = ["provider", "signed_on", "valid_from", "valid_until"]
    search_columns = ["signed_on", "valid_from", "valid_until", "document_reference"]
    add_columns = edit_columns = [
        "provider",
        "signed_on",
        "valid_from",
        "valid_until",
        "steering_group_member",
        "contact_people",
        "document_reference",
        "notes",
    ]
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "provider": PROVIDERS_ONLY
    }
    validators_columns = {"valid_until": [NotBefore("valid_from")]}
    base_order = ("valid_from", "desc")


class CommissionRuleView(OperatorModelView):
    datamodel = interface(CommissionRule)
    list_title = _l("Commission rules")
    show_title = _l("Commission rule")
    add_title = _l("Add a commission rule")
    edit_title = _l("Edit commission rule")
    list_columns = [
        "name",
        "percentage",
        "service_entity",
        "provider",
        "valid_from",
        "valid_until",
    ]
    search_columns = ["name", "valid_from", "valid_until"]
    add_columns = edit_columns = [
        "name",
        "percentage",
        "service_entity",
        "provider",
        "valid_from",
        "valid_until",
        "notes",
    ]
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "provider": PROVIDERS_ONLY
    }
    validators_columns = {
        "percentage": [InRange(0, 100)],
        "valid_until": [NotBefore("valid_from")],
    }
    base_order = ("valid_from", "desc")
