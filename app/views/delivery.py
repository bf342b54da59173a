"""Screens of steps 6–8: implementation plans, sessions, participants,
feedback, certificates, invoices and closing reports."""

from flask import request, url_for
from flask_appbuilder.actions import action
from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from app.models import (
    ClosingReport,
    FeedbackPoint,
    FeedbackSurvey,
    ImplementationPlan,
    Invoice,
    InvoiceLine,
    InvoicingMilestone,
    MilestoneStatus,
    Participant,
    ReportStatus,
    TrainingSession,
)
from app.services.workflow import invoicing, reports
from app.services.workflow.errors import TransitionRefusedError
from app.views.base import OperatorModelView, interface
from app.views.formatting import euros
from app.views.steps import WorkflowSteps
from app.views.validators import After, InRange, NonNegative, NotBefore

VAT_RATE_HELP = _l("0 for VAT-exempt training; 25.5 at the general rate.")


class TrainingSessionView(OperatorModelView):
    datamodel = interface(TrainingSession)
    list_title = _l("Training sessions")
    show_title = _l("Training session")
    add_title = _l("Add a training session")
    edit_title = _l("Edit training session")
    list_columns = ["starts_at", "topic", "plan", "place", "trainer"]
    search_columns = ["topic", "starts_at", "place"]
    add_columns = edit_columns = [
        "plan",
        "topic",
        "starts_at",
        "ends_at",
        "place",
        "online_link",
        "trainer",
    ]
    validators_columns = {"ends_at": [After("starts_at")]}
    base_order = ("starts_at", "asc")


class FeedbackPointView(OperatorModelView):
    datamodel = interface(FeedbackPoint)
    list_title = _l("Interim feedback points")
    show_title = _l("Interim feedback point")
    add_title = _l("Add an interim feedback point")
    edit_title = _l("Edit interim feedback point")
    list_columns = ["due_on", "description", "plan"]
    search_columns = ["due_on", "description"]
    add_columns = edit_columns = ["plan", "due_on", "description"]
    base_order = ("due_on", "asc")


class InvoicingMilestoneView(WorkflowSteps, OperatorModelView):
    datamodel = interface(InvoicingMilestone)
    list_title = _l("Invoicing milestones")
    show_title = _l("Invoicing milestone")
    add_title = _l("Add an invoicing milestone")
    edit_title = _l("Edit invoicing milestone")
    list_columns = [
        "due_on",
        "kind",
        "description",
        "amount",
        "invoicing_status",
        "plan",
    ]
    show_columns = [
        "plan",
        "kind",
        "description",
        "due_on",
        "amount",
        "vat_rate",
        "invoicing_status",
    ]
    search_columns = ["due_on", "kind", "description", "amount"]
    add_columns = edit_columns = [
        "plan",
        "kind",
        "description",
        "due_on",
        "amount",
        "vat_rate",
    ]
    label_columns = {
        **OperatorModelView.label_columns,
        "amount": _l("Amount without VAT"),
        "invoicing_status": _l("Invoicing"),
    }
    description_columns = {"vat_rate": VAT_RATE_HELP}
    validators_columns = {"amount": [NonNegative()], "vat_rate": [InRange(0, 100)]}
    base_order = ("due_on", "asc")
    step_offered = {
        "invoice_milestone": lambda milestone: (
            milestone.invoicing_status is MilestoneStatus.open
        )
    }

    @action(
        "invoice_milestone",
        _l("Make the invoice"),
        icon="fa-file-invoice",
        multiple=False,
    )
    def invoice_milestone(self, milestone):
        return self.take_step(
            milestone,
            invoicing.invoice_milestone,
            _l("A draft invoice was made: check it and send it."),
            then=lambda invoice: url_for("InvoiceView.show", pk=invoice.id),
        )


class ImplementationPlanView(OperatorModelView):
    datamodel = interface(ImplementationPlan)
    list_title = _l("Implementation plans")
    show_title = _l("Implementation plan")
    add_title = _l("Add an implementation plan")
    edit_title = _l("Edit implementation plan")
    list_columns = ["contract", "status", "agreed_on"]
    search_columns = ["status", "agreed_on", "competence_goals", "contents"]
    add_columns = edit_columns = [
        "contract",
        "competence_goals",
        "contents",
        "materials",
        "status",
        "agreed_on",
    ]
    related_views = [TrainingSessionView, FeedbackPointView, InvoicingMilestoneView]


class ParticipantView(OperatorModelView):
    datamodel = interface(Participant)
    list_title = _l("Participants")
    show_title = _l("Participant")
    add_title = _l("Add a participant")
    edit_title = _l("Edit participant")
    list_columns = ["last_name", "first_name", "company", "contract", "completed"]
    search_columns = ["last_name", "first_name", "email", "completed"]
    add_columns = edit_columns = [
        "contract",
        "company",
        "first_name",
        "last_name",
        "email",
        "language",
        "completed",
    ]
    base_order = ("last_name", "asc")


class FeedbackSurveyView(OperatorModelView):
    datamodel = interface(FeedbackSurvey)
    list_title = _l("Feedback surveys")
    show_title = _l("Feedback survey")
    add_title = _l("Add a feedback survey")
    edit_title = _l("Edit feedback survey")
    list_columns = ["contract", "kind", "opens_on", "closes_on"]
    show_columns = ["contract", "kind", "opens_on", "closes_on", "question_set"]
    search_columns = ["kind", "opens_on", "closes_on"]
    add_columns = edit_columns = [
        "contract",
        "kind",
        "opens_on",
        "closes_on",
        "question_set",
    ]
    validators_columns = {"closes_on": [NotBefore("opens_on")]}
    show_template = "operator/survey_show.html"
    base_order = ("opens_on", "desc")


class WithinContractValue:
    """A line may not take the contract's invoices (without VAT) above its
    value."""

    def __call__(self, form, field) -> None:
        invoice = form.invoice.data if "invoice" in form else None
        if invoice is None or field.data is None:
            return
        line_id = (request.view_args or {}).get("pk")
        try:
            invoicing.refuse_above_value(
                invoice.contract,
                field.data,
                leaving_out_line=int(line_id) if line_id else None,
            )
        except TransitionRefusedError as refusal:
            raise ValidationError(str(refusal)) from refusal


class InvoiceLineView(OperatorModelView):
    datamodel = interface(InvoiceLine)
    list_title = _l("Invoice lines")
    show_title = _l("Invoice line")
    add_title = _l("Add an invoice line")
    edit_title = _l("Edit invoice line")
    list_columns = ["invoice", "description", "amount", "vat_rate", "vat"]
    search_columns = ["description", "amount", "vat_rate"]
    add_columns = edit_columns = ["invoice", "description", "amount", "vat_rate"]
    label_columns = {
        **OperatorModelView.label_columns,
        "amount": _l("Amount without VAT"),
        "vat": _l("VAT"),
    }
    description_columns = {"vat_rate": VAT_RATE_HELP}
    validators_columns = {
        "amount": [NonNegative(), WithinContractValue()],
        "vat_rate": [InRange(0, 100)],
    }
    formatters_columns = {"vat": euros}


class InvoiceView(OperatorModelView):
    datamodel = interface(Invoice)
    list_title = _l("Invoices")
    show_title = _l("Invoice")
    add_title = _l("Add an invoice")
    edit_title = _l("Edit invoice")
    list_columns = ["number", "company", "kind", "gross_total", "due_on", "status"]
    add_columns = edit_columns = [
        "number",
        "contract",
        "milestone",
        "company",
        "kind",
        "issued_on",
        "due_on",
        "status",
    ]
    show_columns = [*add_columns, "net_total", "vat_total", "gross_total"]
    search_columns = ["number", "kind", "status", "issued_on", "due_on"]
    label_columns = {
        **OperatorModelView.label_columns,
        "net_total": _l("Total without VAT"),
        "vat_total": _l("VAT"),
        "gross_total": _l("Total with VAT"),
    }
    formatters_columns = {
        "net_total": euros,
        "vat_total": euros,
        "gross_total": euros,
    }
    validators_columns = {"due_on": [NotBefore("issued_on")]}
    related_views = [InvoiceLineView]
    base_order = ("due_on", "desc")


class ClosingReportView(WorkflowSteps, OperatorModelView):
    datamodel = interface(ClosingReport)
    list_title = _l("Closing reports")
    show_title = _l("Closing report")
    add_title = _l("Add a closing report")
    edit_title = _l("Edit closing report")
    list_columns = ["contract", "status", "submitted_on", "reviewed_on"]
    search_columns = ["status", "submitted_on", "reviewed_on", "summary"]
    add_columns = edit_columns = [
        "contract",
        "summary",
        "feedback_analysis",
        "lessons_learned",
        "follow_up_needs",
    ]
    step_offered = {
        "submit_report": lambda report: report.status is ReportStatus.draft,
        "review_report": lambda report: report.status is ReportStatus.submitted,
    }

    @action(
        "submit_report", _l("Submit the report"), icon="fa-paper-plane", multiple=False
    )
    def submit_report(self, report):
        return self.take_step(report, reports.submit, _l("The report is submitted."))

    @action("review_report", _l("Reviewed together"), icon="fa-check", multiple=False)
    def review_report(self, report):
        return self.take_step(report, reports.review, _l("The report is reviewed."))
