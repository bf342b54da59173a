"""Screens of the coordination path (steps 1–3): leads, needs assessments,
requests for quotation and their distribution to the providers."""

from datetime import datetime

from flask import abort, flash, redirect, url_for
from flask_appbuilder import expose, has_access
from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_babel import lazy_gettext as _l
from wtforms.validators import DataRequired

from app.extensions import db
from app.models import (
    Lead,
    LeadStatus,
    NeedsAssessment,
    OrganisationKind,
    RequestDistribution,
    RequestForQuotation,
    RequestStatus,
)
from app.security.viewer import Viewer
from app.services import public_disclosure
from app.services.workflow import leads, offers, requests
from app.services.workflow.errors import TransitionRefusedError
from app.views.base import OperatorModelView, interface
from app.views.downloads import file_response
from app.views.steps import WorkflowSteps
from app.views.validators import FutureDeadline, NonNegative, NotBefore, Positive

CLIENTS_ONLY = [["kind", FilterEqual, OrganisationKind.client]]
PROVIDERS_ONLY = [["kind", FilterEqual, OrganisationKind.provider]]


class LeadView(WorkflowSteps, OperatorModelView):
    datamodel = interface(Lead)
    list_title = _l("Leads")
    show_title = _l("Lead")
    add_title = _l("Add a lead")
    edit_title = _l("Edit lead")
    list_columns = ["company", "source", "status", "owner", "next_follow_up_on"]
    search_columns = ["status", "source", "next_follow_up_on", "description"]
    add_columns = edit_columns = [
        "company",
        "contact_person",
        "source",
        "owner",
        "next_follow_up_on",
        "description",
        "drop_reason",
    ]
    add_form_query_rel_fields = edit_form_query_rel_fields = {"company": CLIENTS_ONLY}
    base_order = ("next_follow_up_on", "asc")
    step_offered = {
        "mark_contacted": lambda lead: lead.status is LeadStatus.new,
        "qualify": lambda lead: lead.status in leads.OPEN,
        "drop": lambda lead: lead.status in leads.OPEN,
    }

    @action("mark_contacted", _l("Contacted"), icon="fa-phone", multiple=False)
    def mark_contacted(self, lead):
        return self.take_step(lead, leads.mark_contacted, _l("The lead is contacted."))

    @action("qualify", _l("Qualify"), icon="fa-check", multiple=False)
    def qualify(self, lead):
        return self.take_step(
            lead, leads.qualify, _l("The lead is qualified for a needs assessment.")
        )

    @action("drop", _l("Drop"), icon="fa-times", multiple=False)
    def drop(self, lead):
        return self.take_step(lead, leads.drop, _l("The lead is dropped."))


class NeedsAssessmentView(OperatorModelView):
    datamodel = interface(NeedsAssessment)
    list_title = _l("Needs assessments")
    show_title = _l("Needs assessment")
    add_title = _l("Add a needs assessment")
    edit_title = _l("Edit needs assessment")
    list_columns = [
        "company",
        "assessed_on",
        "service_entities",
        "people_count",
        "status",
    ]
    search_columns = ["assessed_on", "status", "competence_needs", "funding_interest"]
    add_columns = edit_columns = [
        "company",
        "lead",
        "assessed_on",
        "competence_needs",
        "service_entities",
        "people_count",
        "timing_start",
        "timing_end",
        "budget",
        "funding_interest",
        "funding_options",
        "status",
    ]
    add_form_query_rel_fields = edit_form_query_rel_fields = {"company": CLIENTS_ONLY}
    validators_columns = {
        "people_count": [Positive()],
        "budget": [NonNegative()],
        "timing_end": [NotBefore("timing_start")],
    }
    base_order = ("assessed_on", "desc")


def _stored_deadline(request_id) -> datetime | None:
    return db.session.scalar(
        db.select(RequestForQuotation.offer_deadline).where(
            RequestForQuotation.id == request_id
        )
    )


class RequestForQuotationView(WorkflowSteps, OperatorModelView):
    datamodel = interface(RequestForQuotation)
    list_title = _l("Requests for quotation")
    show_title = _l("Request for quotation")
    add_title = _l("Add a request for quotation")
    edit_title = _l("Edit request for quotation")
    list_columns = [
        "reference",
        "title",
        "client_companies",
        "offer_deadline",
        "status",
    ]
    search_columns = [
        "reference",
        "title",
        "status",
        "offer_deadline",
        "sought_delivery",
    ]
    add_columns = edit_columns = [
        "reference",
        "title",
        "client_companies",
        "needs_assessments",
        "service_entities",
        "description",
        "expertise_sought",
        "sought_delivery",
        "offer_deadline",
        "budget_min",
        "budget_max",
    ]
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "client_companies": CLIENTS_ONLY
    }
    description_columns = {
        "client_companies": _l("Several companies make a joint procurement."),
        "offer_deadline": _l("Helsinki time."),
    }
    validators_columns = {
        "client_companies": [DataRequired()],
        "offer_deadline": [FutureDeadline(_stored_deadline)],
        "budget_min": [NonNegative()],
        "budget_max": [
            NonNegative(),
            NotBefore(
                "budget_min",
                message=_l(
                    "The highest budget cannot be lower than the lowest budget."
                ),
            ),
        ],
    }
    show_template = "operator/request_show.html"
    base_order = ("offer_deadline", "desc")
    step_offered = {
        "publish": lambda request: request.status is RequestStatus.draft,
        "cancel": lambda request: request.status in requests.CANCELLABLE,
    }

    @action(
        "publish",
        _l("Publish to the provider pool"),
        _l("Send the request to every provider of the pool?"),
        "fa-paper-plane",
        multiple=False,
    )
    def publish(self, request):
        return self.take_step(
            request, requests.publish, _l("The request was sent to the provider pool.")
        )

    @action(
        "cancel",
        _l("Cancel the request"),
        _l("Cancel the request and tell the providers?"),
        "fa-ban",
        multiple=False,
    )
    def cancel(self, request):
        return self.take_step(request, requests.cancel, _l("The request is cancelled."))

    @expose("/disclosure/<int:pk>")
    @has_access
    def disclosure(self, pk: int):
        """The public disclosure of a decided request, as a file to hand out."""
        request = self.datamodel.get(pk)
        if request is None:
            abort(404)
        try:
            document = public_disclosure.render(request, Viewer.current())
        except TransitionRefusedError as refusal:
            flash(str(refusal), "danger")
            return redirect(url_for("RequestForQuotationView.show", pk=pk))
        return file_response(
            document.encode("utf-8"),
            "text/html",
            public_disclosure.filename(request),
            attachment=True,
        )


class RequestDistributionView(WorkflowSteps, OperatorModelView):
    datamodel = interface(RequestDistribution)
    list_title = _l("Distribution to providers")
    show_title = _l("Distribution")
    add_title = _l("Add a recipient")
    edit_title = _l("Edit distribution")
    list_columns = ["request", "provider", "sent_on", "declined_on"]
    search_columns = ["sent_on", "declined_on", "decline_reason"]
    add_columns = ["request", "provider", "sent_on"]
    # The provider writes its reason here, then declines with the action.
    edit_columns = ["decline_reason"]
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "provider": PROVIDERS_ONLY
    }
    base_order = ("sent_on", "desc")

    @action("decline", _l("Decline the request"), icon="fa-times", multiple=False)
    def decline(self, distribution):
        return self.take_step(
            distribution, offers.decline, _l("The request is declined.")
        )
