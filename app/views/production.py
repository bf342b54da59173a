"""Screens of steps 4–5: offers, consortium members and service contracts.
The business secrets marked in an offer have their own module."""

from flask import url_for
from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.filters import FilterEqual, FilterEqualFunction
from flask_babel import lazy_gettext as _l

from app.models import (
    ConsortiumMember,
    ContractStatus,
    Offer,
    OfferStatus,
    OrganisationKind,
    ServiceContract,
)
from app.security.viewer import Viewer
from app.services import commission
from app.services.clock import local_now
from app.services.workflow import deliveries, offers, reports
from app.views.base import OperatorModelView, interface
from app.views.offer_secrets import OfferSecretView
from app.views.steps import WorkflowSteps
from app.views.validators import InRange, NonNegative, NotBefore

PROVIDERS_ONLY = [["kind", FilterEqual, OrganisationKind.provider]]


class ConsortiumMemberView(WorkflowSteps, OperatorModelView):
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
    step_offered = {
        "confirm": lambda member: (
            member.confirmed_on is None
            and member.offer.status is OfferStatus.draft
            and member.provider_id == Viewer.current().organisation_id
        )
    }

    @action("confirm", _l("Confirm our part"), icon="fa-check", multiple=False)
    def confirm(self, member):
        return self.take_step(
            member,
            offers.confirm_membership,
            _l("Your part of the offer is confirmed."),
        )


def _own_organisation_id() -> int | None:
    return Viewer.current().organisation_id


def _leads(offer) -> bool:
    return offer.lead_provider_id == _own_organisation_id()


def _contract_in(status: ContractStatus):
    return lambda contract: contract.status is status


class OfferView(WorkflowSteps, OperatorModelView):
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
    ]
    # A provider offers in its own name only.
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "lead_provider": [["id", FilterEqualFunction, _own_organisation_id]]
    }
    validators_columns = {"price": [NonNegative()], "vat_rate": [InRange(0, 100)]}
    related_views = [ConsortiumMemberView, OfferSecretView]
    show_template = "operator/offer_show.html"
    base_order = ("submitted_on", "desc")
    step_offered = {
        "submit": lambda offer: _leads(offer) and offer.status is OfferStatus.draft,
        "revise": lambda offer: _leads(offer) and offer.status is OfferStatus.submitted,
        "withdraw": lambda offer: (
            _leads(offer) and offer.status in (OfferStatus.draft, OfferStatus.submitted)
        ),
        "accept": lambda offer: (
            offer.status is OfferStatus.submitted
            and offer.request.offer_deadline <= local_now()
        ),
    }

    @action("submit", _l("Submit the offer"), icon="fa-paper-plane", multiple=False)
    def submit(self, offer):
        return self.take_step(offer, offers.submit, _l("The offer is submitted."))

    @action("revise", _l("Make a new version"), icon="fa-copy", multiple=False)
    def revise(self, offer):
        return self.take_step(
            offer,
            offers.revise,
            _l("A new version of the offer was made: edit it and submit it."),
            then=lambda revision: url_for("OfferView.edit", pk=revision.id),
        )

    @action("withdraw", _l("Withdraw the offer"), icon="fa-undo", multiple=False)
    def withdraw(self, offer):
        return self.take_step(offer, offers.withdraw, _l("The offer is withdrawn."))

    @action(
        "accept",
        _l("Accept this offer"),
        _l("Accept this offer? A service contract is made and the others are told."),
        "fa-handshake",
        multiple=False,
    )
    def accept(self, offer):
        return self.take_step(
            offer,
            offers.accept,
            _l("The offer is accepted and a service contract was made."),
            then=lambda contract: url_for("ServiceContractView.show", pk=contract.id),
        )


class ServiceContractView(WorkflowSteps, OperatorModelView):
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
    ]
    validators_columns = {
        "value": [NonNegative()],
        "end_date": [NotBefore("start_date")],
    }
    # Shown in a panel of their own, not to the client (show template).
    show_exclude_columns = [
        "commission_rule",
        "commission_percent",
        "commission_amount",
        "calendar_token",
    ]
    show_template = "operator/contract_show.html"
    base_order = ("signed_on", "desc")
    step_offered = {
        "prepare": _contract_in(ContractStatus.signed),
        "start": _contract_in(ContractStatus.in_preparation),
        "deliver": _contract_in(ContractStatus.in_delivery),
        "close": _contract_in(ContractStatus.delivered),
        "follow_up": _contract_in(ContractStatus.closed),
        "draft_report": lambda contract: (
            contract.status in (ContractStatus.in_delivery, ContractStatus.delivered)
            and contract.closing_report is None
        ),
    }

    def pre_add(self, item) -> None:
        commission.apply(item)

    def pre_update(self, item) -> None:
        commission.apply(item)

    @action("prepare", _l("Start preparing"), icon="fa-tasks", multiple=False)
    def prepare(self, contract):
        return self.take_step(
            contract, deliveries.prepare, _l("The delivery is being prepared.")
        )

    @action("start", _l("Start the delivery"), icon="fa-play", multiple=False)
    def start(self, contract):
        return self.take_step(
            contract, deliveries.start, _l("The delivery has started.")
        )

    @action("deliver", _l("Mark delivered"), icon="fa-check", multiple=False)
    def deliver(self, contract):
        return self.take_step(
            contract, deliveries.deliver, _l("The training is delivered.")
        )

    @action("close", _l("Close the service"), icon="fa-flag-checkered", multiple=False)
    def close(self, contract):
        return self.take_step(contract, deliveries.close, _l("The service is closed."))

    @action(
        "draft_report",
        _l("Draft the closing report"),
        icon="fa-file-alt",
        multiple=False,
    )
    def draft_report(self, contract):
        return self.take_step(
            contract,
            reports.draft,
            _l("A draft closing report was prefilled: complete it and submit it."),
            then=lambda report: url_for("ClosingReportView.show", pk=report.id),
        )

    @action("follow_up", _l("Map follow-up needs"), icon="fa-redo", multiple=False)
    def follow_up(self, contract):
        return self.take_step(
            contract,
            deliveries.follow_up,
            _l("A follow-up lead was opened for each client company."),
        )
