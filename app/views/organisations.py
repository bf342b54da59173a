"""Screens for organisations, their contact people and trainers.

Client companies and training providers are organisations of different kinds;
each has its own screen, which shows and creates only its own kind.
"""

from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_babel import lazy_gettext as _l

from app.models import ContactPerson, Organisation, OrganisationKind, Trainer
from app.views.base import OperatorModelView, interface
from app.views.validators import BusinessId

ORGANISATION_FORM = [
    "name",
    "business_id",
    "industry",
    "size_class",
    "municipality",
    "street_address",
    "postal_code",
    "website",
    "preferred_language",
    "is_active",
    "notes",
]


class ContactPersonView(OperatorModelView):
    datamodel = interface(ContactPerson)
    list_title = _l("Contact people")
    show_title = _l("Contact person")
    add_title = _l("Add a contact person")
    edit_title = _l("Edit contact person")
    list_columns = ["last_name", "first_name", "organisation", "title", "email"]
    search_columns = ["last_name", "first_name", "email", "title"]
    add_columns = edit_columns = [
        "organisation",
        "first_name",
        "last_name",
        "title",
        "email",
        "phone",
        "language",
        "receives_requests",
        "is_active",
    ]
    order_columns = ["last_name", "first_name"]
    base_order = ("last_name", "asc")


class TrainerView(OperatorModelView):
    datamodel = interface(Trainer)
    list_title = _l("Trainers")
    show_title = _l("Trainer")
    add_title = _l("Add a trainer")
    edit_title = _l("Edit trainer")
    list_columns = ["last_name", "first_name", "provider", "email"]
    search_columns = ["last_name", "first_name", "email", "expertise"]
    add_columns = edit_columns = [
        "provider",
        "first_name",
        "last_name",
        "email",
        "phone",
        "expertise",
    ]
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "provider": [["kind", FilterEqual, OrganisationKind.provider]]
    }
    base_order = ("last_name", "asc")


class _OrganisationKindView(OperatorModelView):
    """An organisation screen limited to one kind."""

    kind: OrganisationKind
    list_columns = ["name", "business_id", "municipality", "is_active"]
    search_columns = ["name", "business_id", "industry", "municipality", "is_active"]
    add_columns = edit_columns = ORGANISATION_FORM
    validators_columns = {"business_id": [BusinessId()]}
    description_columns = {"business_id": _l("For example 0124610-9.")}
    base_order = ("name", "asc")

    def pre_add(self, item: Organisation) -> None:
        item.kind = self.kind


class ClientCompanyView(_OrganisationKindView):
    datamodel = interface(Organisation)
    kind = OrganisationKind.client
    base_filters = [["kind", FilterEqual, OrganisationKind.client]]
    list_title = _l("Client companies")
    show_title = _l("Client company")
    add_title = _l("Add a client company")
    edit_title = _l("Edit client company")
    list_columns = ["name", "business_id", "industry", "size_class", "municipality"]
    show_template = "operator/company_show.html"


class ProviderView(_OrganisationKindView):
    datamodel = interface(Organisation)
    kind = OrganisationKind.provider
    base_filters = [["kind", FilterEqual, OrganisationKind.provider]]
    list_title = _l("Training providers")
    show_title = _l("Training provider")
    add_title = _l("Add a training provider")
    edit_title = _l("Edit training provider")


class OrganisationView(OperatorModelView):
    """Every organisation of every kind, for the administrator."""

    datamodel = interface(Organisation)
    list_title = _l("All organisations")
    show_title = _l("Organisation")
    add_title = _l("Add an organisation")
    edit_title = _l("Edit organisation")
    list_columns = ["name", "kind", "business_id", "municipality", "is_active"]
    search_columns = ["name", "kind", "business_id", "municipality"]
    add_columns = edit_columns = ["kind"] + ORGANISATION_FORM
    validators_columns = {"business_id": [BusinessId()]}
    base_order = ("name", "asc")
