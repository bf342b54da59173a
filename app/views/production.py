"""Screens of steps 4–5: offers, consortium members and service contracts."""

from flask_appbuilder.models.sqla.filters import FilterEqual, FilterEqualFunction
from flask_babel import lazy_gettext as _l

from app.models import ConsortiumMember, Offer, OrganisationKind, ServiceContract
from app.security.viewer import Viewer
from app.views.base import OperatorModelView, interface
from app.views.validators import InRange, NonNegative, NotBefore

PROVIDERS_ONLY = [["kind", FilterEqual, OrganisationKind.provider]]


class ConsortiumMemberView(OperatorModelView):
    datamodel = interface(ConsortiumMember)
    list_title = _l("Consortium members")
    show_title = _l("Consortium member")
    add_title = _l("Add a consortium member")
    edit_title = _l("Edit consortium member")
    list_columns = ["offer", "provider", "share_percent", "confirmed_on"]
    search_columns = ["part", "share_percent", "confirmed_on"]
    add_columns = edit_columns = ["offer", "provider", "part", "share_percent"]
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "provider": PROVIDERS_ONLY
    }
    validators_columns = {"share_percent": [InRange(0.01, 100)]}


def _own_organisation_id() -> int | None:
    return Viewer.current().organisation_id


class OfferView(OperatorModelView):
    datamodel = interface(Offer)
    list_title = _l("Offers")
    show_title = _l("Offer")
    add_title = _l("Add an offer")
    edit_title = _l("Edit offer")
    list_columns = [
        "request",
        "lead_provider",
        "price",
        "vat_rate",
        "version",
        "status",
        "submitted_on",
    ]
    search_columns = ["status", "price", "submitted_on", "valid_until", "content"]
    add_columns = edit_columns = [
        "request",
        "lead_provider",
        "content",
        "price",
        "vat_rate",
        "valid_until",
        "version",
        "status",
    ]
    # A provider offers in its own name only.
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "lead_provider": [["id", FilterEqualFunction, _own_organisation_id]]
    }
    validators_columns = {"price": [NonNegative()], "vat_rate": [InRange(0, 100)]}
    related_views = [ConsortiumMemberView]
    base_order = ("submitted_on", "desc")


class ServiceContractView(OperatorModelView):
    datamodel = interface(ServiceContract)
    list_title = _l("Service contracts")
    show_title = _l("Service contract")
    add_title = _l("Add a service contract")
    edit_title = _l("Edit service contract")
    list_columns = ["number", "offer", "signed_on", "value", "status"]
    search_columns = ["number", "signed_on", "start_date", "end_date", "status"]
    add_columns = edit_columns = [
        "number",
        "offer",
        "signed_on",
        "start_date",
        "end_date",
        "value",
        "status",
    ]
    validators_columns = {
        "value": [NonNegative()],
        "end_date": [NotBefore("start_date")],
    }
    base_order = ("signed_on", "desc")
