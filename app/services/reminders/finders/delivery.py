"""Reminders of the path's second half: the plan after a contract, feedback
surveys, invoicing milestones, the closing report, and the follow-up needs
survey after a service closed."""

from collections.abc import Iterator
from datetime import date, timedelta

from app.extensions import db
from app.models import (
    ClosingReport,
    ContractStatus,
    FeedbackSurvey,
    ImplementationPlan,
    Invoice,
    InvoiceStatus,
    InvoicingMilestone,
    ReminderRule,
    ReportStatus,
    ServiceContract,
)
from app.services.reminders.due import (
    DueReminder,
    contacts,
    coordinator_contacts,
    due_on,
    earliest,
    person,
)
from app.services.workflow.announcements import public_link
from app.services.workflow.surveys import invite

PREPARING = [ContractStatus.signed, ContractStatus.in_preparation]
RUNNING = PREPARING + [ContractStatus.in_delivery, ContractStatus.delivered]


def _to_lead_provider(contract, due, **context) -> Iterator[DueReminder]:
    link = public_link("ServiceContractView.show", pk=contract.id)
    for recipient in contacts(contract.offer.lead_provider_id):
        yield DueReminder(
            f"contract-{contract.id}",
            due,
            recipient,
            link,
            {"contract": contract, **context},
            contract.offer.request_id,
        )


def plan_missing(rule: ReminderRule, today: date) -> Iterator:
    contracts = db.session.scalars(
        db.select(ServiceContract).where(
            ServiceContract.status.in_(PREPARING),
            ServiceContract.signed_on >= earliest(rule, today),
            ~ServiceContract.plan.has(),
        )
    )
    for contract in contracts:
        due = due_on(rule, contract.signed_on)
        if due <= today:
            yield from _to_lead_provider(contract, due)


def _open_surveys(rule: ReminderRule, today: date, date_column):
    return db.session.scalars(
        db.select(FeedbackSurvey)
        .join(FeedbackSurvey.contract)
        .where(
            ServiceContract.status.in_(RUNNING),
            FeedbackSurvey.opens_on <= today,
            FeedbackSurvey.closes_on >= today,
            date_column >= earliest(rule, today),
        )
    ).all()


def _to_invitees(survey, due, invited_before: date | None = None) -> Iterator:
    for invitation in invite(survey):
        invitee = invitation.invitee
        if invitation.answered or not invitee.email:
            continue
        if invited_before and invitation.created_on.date() >= invited_before:
            continue
        yield DueReminder(
            f"survey-{survey.id}",
            due,
            person(invitee),
            public_link("SurveyAnswerView.answer", token=invitation.token),
            {"survey": survey, "contract": survey.contract},
            survey.contract.offer.request_id,
        )


def feedback_due(rule: ReminderRule, today: date) -> Iterator:
    """When a survey opens: a personal link to every participant and client
    contact."""
    for survey in _open_surveys(rule, today, FeedbackSurvey.opens_on):
        due = due_on(rule, survey.opens_on)
        if due <= today:
            yield from _to_invitees(survey, due)


def feedback_not_answered(rule: ReminderRule, today: date) -> Iterator:
    """Before a survey closes: to those whose link has not been answered. Not
    to those invited only yesterday or today (after the scheduler was down, or
    for a short survey): their invitation is news enough."""
    for survey in _open_surveys(rule, today, FeedbackSurvey.closes_on):
        due = due_on(rule, survey.closes_on)
        if due <= today:
            yield from _to_invitees(survey, due, today - timedelta(days=1))


def invoicing_due(rule: ReminderRule, today: date) -> Iterator:
    """A milestone with no invoice yet (a cancelled one does not count)."""
    invoiced = db.select(Invoice.id).where(
        Invoice.milestone_id == InvoicingMilestone.id,
        Invoice.status != InvoiceStatus.cancelled,
    )
    milestones = db.session.scalars(
        db.select(InvoicingMilestone)
        .join(InvoicingMilestone.plan)
        .join(ImplementationPlan.contract)
        .where(
            ServiceContract.status.in_(RUNNING),
            InvoicingMilestone.due_on >= earliest(rule, today),
            ~invoiced.exists(),
        )
    )
    for milestone in milestones:
        due = due_on(rule, milestone.due_on)
        if due > today:
            continue
        for reminder in _to_lead_provider(milestone.plan.contract, due):
            reminder.record = f"milestone-{milestone.id}"
            reminder.link = public_link("InvoicingMilestoneView.show", pk=milestone.id)
            reminder.context["milestone"] = milestone
            yield reminder


def closing_report_due(rule: ReminderRule, today: date) -> Iterator:
    """After the training's end date, while no closing report is submitted."""
    submitted = db.select(ClosingReport.id).where(
        ClosingReport.contract_id == ServiceContract.id,
        ClosingReport.status != ReportStatus.draft,
    )
    contracts = db.session.scalars(
        db.select(ServiceContract).where(
            ServiceContract.status.in_(
                [ContractStatus.in_delivery, ContractStatus.delivered]
            ),
            ServiceContract.end_date.is_not(None),
            ServiceContract.end_date >= earliest(rule, today),
            ~submitted.exists(),
        )
    )
    for contract in contracts:
        due = due_on(rule, contract.end_date)
        if due <= today:
            yield from _to_lead_provider(contract, due)


def follow_up_survey(rule: ReminderRule, today: date) -> Iterator:
    """Months after a service closed: ask the client what it needs next."""
    reports = db.session.scalars(
        db.select(ClosingReport)
        .join(ClosingReport.contract)
        .where(
            ServiceContract.status == ContractStatus.closed,
            ClosingReport.reviewed_on.is_not(None),
            ClosingReport.reviewed_on >= earliest(rule, today),
        )
    )
    coordinators = coordinator_contacts()
    for report in reports:
        due = due_on(rule, report.reviewed_on)
        if due > today:
            continue
        contract = report.contract
        link = public_link("ServiceContractView.show", pk=contract.id)
        for recipient in coordinators:
            yield DueReminder(
                f"contract-{contract.id}",
                due,
                recipient,
                link,
                {"contract": contract, "report": report},
                contract.offer.request_id,
            )
