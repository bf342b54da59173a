"""The reminder rules of the path's second half and of the steering group: each
fires for the right people on its day, not the day before, and not for records
that no longer need it."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from app.extensions import db
from app.models import (
    ClosingReport,
    ContractStatus,
    FeedbackSurvey,
    ImplementationPlan,
    Invoice,
    InvoiceKind,
    InvoicingMilestone,
    Participant,
    ReminderKind,
    ReminderRule,
    ReportStatus,
    SteeringMeeting,
    SurveyKind,
)
from app.services.reminders.tick import run_reminders
from tests.path_records import (
    default_set_id,
    messages,
    new_contract,
    recipients,
    survey_form,
)

DAY = date(2027, 5, 10)
COORDINATOR_CONTACT = "sanna.virtanen@example.com"


def _run(app, today: date) -> None:
    with app.app_context():
        run_reminders(today)


def _offset(app, kind: ReminderKind) -> int:
    with app.app_context():
        return db.session.scalar(
            db.select(ReminderRule.offset_days).filter_by(kind=kind)
        )


def _add(app, *records) -> list[int]:
    with app.app_context():
        db.session.add_all(records)
        db.session.commit()
        return [record.id for record in records]


def _plan(contract_id: int) -> ImplementationPlan:
    return ImplementationPlan(
        contract_id=contract_id, competence_goals="Tavoitteet", contents="Sisältö"
    )


def test_a_contract_without_a_plan_reminds_the_lead_provider(app):
    case = new_contract(app, signed_on=DAY)
    planned = new_contract(app, signed_on=DAY)
    _add(app, _plan(planned.contract_id))
    due = DAY - timedelta(days=_offset(app, ReminderKind.plan_missing))

    _run(app, due - timedelta(days=1))
    assert messages(app, f"plan_missing:contract-{case.contract_id}:") == []
    _run(app, due)

    found = recipients(app, f"plan_missing:contract-{case.contract_id}:")
    assert found == case.provider_emails
    assert messages(app, f"plan_missing:contract-{planned.contract_id}:") == []


def test_an_invoicing_milestone_without_an_invoice_reminds_the_lead_provider(app):
    case = new_contract(app, signed_on=DAY, status=ContractStatus.in_delivery)
    (plan_id,) = _add(app, _plan(case.contract_id))
    milestones = [
        InvoicingMilestone(
            plan_id=plan_id,
            kind=InvoiceKind.interim,
            description=description,
            due_on=DAY + timedelta(days=30),
            amount=Decimal("2500"),
        )
        for description in ("Välilasku", "Jo laskutettu")
    ]
    due_id, invoiced_id = _add(app, *milestones)
    _add(
        app,
        Invoice(
            number=f"L-{invoiced_id}",
            contract_id=case.contract_id,
            milestone_id=invoiced_id,
            company_id=case.company_id,
            kind=InvoiceKind.interim,
            issued_on=DAY,
            due_on=DAY + timedelta(days=14),
        ),
    )
    due = DAY + timedelta(days=30 - _offset(app, ReminderKind.invoicing_due))

    _run(app, due - timedelta(days=1))
    assert messages(app, f"invoicing_due:milestone-{due_id}:") == []
    _run(app, due)

    (first, *_rest) = messages(app, f"invoicing_due:milestone-{due_id}:")
    assert recipients(app, f"invoicing_due:milestone-{due_id}:") == (
        case.provider_emails
    )
    assert "2\xa0500,00\xa0€" in first.body
    assert f"/invoicingmilestoneview/show/{due_id}" in first.body
    assert messages(app, f"invoicing_due:milestone-{invoiced_id}:") == []


def test_the_closing_report_is_asked_for_after_the_end_until_submitted(app):
    end = DAY + timedelta(days=60)
    case = new_contract(
        app, signed_on=DAY, status=ContractStatus.delivered, end_date=end
    )
    reported = new_contract(
        app, signed_on=DAY, status=ContractStatus.delivered, end_date=end
    )
    _add(
        app,
        ClosingReport(
            contract_id=reported.contract_id,
            summary="Valmis",
            status=ReportStatus.submitted,
        ),
    )
    due = end - timedelta(days=_offset(app, ReminderKind.closing_report_due))

    _run(app, due - timedelta(days=1))
    assert messages(app, f"closing_report_due:contract-{case.contract_id}:") == []
    _run(app, due)

    assert (
        recipients(app, f"closing_report_due:contract-{case.contract_id}:")
        == case.provider_emails
    )
    assert messages(app, f"closing_report_due:contract-{reported.contract_id}") == []


def test_a_follow_up_survey_is_due_months_after_closing_to_the_coordinator(app):
    case = new_contract(app, signed_on=DAY, status=ContractStatus.closed)
    reviewed = DAY + timedelta(days=90)
    _add(
        app,
        ClosingReport(
            contract_id=case.contract_id,
            summary="Valmis",
            status=ReportStatus.reviewed,
            reviewed_on=reviewed,
        ),
    )
    due = reviewed - timedelta(days=_offset(app, ReminderKind.follow_up_survey))
    assert due > reviewed + timedelta(days=90), "some months after closing"

    _run(app, due - timedelta(days=1))
    assert messages(app, f"follow_up_survey:contract-{case.contract_id}:") == []
    _run(app, due)

    found = recipients(app, f"follow_up_survey:contract-{case.contract_id}:")
    assert COORDINATOR_CONTACT in found
    assert not found & (case.provider_emails | case.client_emails)


def test_steering_group_members_hear_of_a_meeting_before_it(app):
    meeting_day = DAY + timedelta(days=200)
    (meeting_id,) = _add(
        app,
        SteeringMeeting(
            title="Kevään kokous",
            starts_at=datetime.combine(meeting_day, time(9)),
            place="Tikkurila",
        ),
    )
    due = meeting_day - timedelta(days=_offset(app, ReminderKind.steering_meeting))

    _run(app, due - timedelta(days=1))
    assert messages(app, f"steering_meeting:meeting-{meeting_id}:") == []
    _run(app, due)

    (message,) = messages(app, f"steering_meeting:meeting-{meeting_id}:")
    assert message.recipient == "steering@example.com"
    assert "Kevään kokous" in message.body and "Tikkurila" in message.body


@pytest.fixture
def survey_case(app):
    """A contract in delivery with two participants (one without an email
    address) and client contacts in Finnish and Swedish, and a survey."""
    case = new_contract(
        app,
        signed_on=DAY,
        status=ContractStatus.in_delivery,
        client_languages=("fi", "sv"),
    )
    company_id = case.company_id
    _add(
        app,
        Participant(
            contract_id=case.contract_id,
            company_id=company_id,
            first_name="Osallistuja",
            last_name="Sähköposti",
            email=f"participant-{case.contract_id}@example.com",
            language="en",
        ),
        Participant(
            contract_id=case.contract_id,
            company_id=company_id,
            first_name="Osallistuja",
            last_name="Ilman",
        ),
    )
    opens = DAY + timedelta(days=40)
    (survey_id,) = _add(
        app,
        FeedbackSurvey(
            question_set_id=default_set_id(app),
            contract_id=case.contract_id,
            kind=SurveyKind.final,
            opens_on=opens,
            closes_on=opens + timedelta(days=14),
        ),
    )
    return case, survey_id, opens


def test_a_survey_opening_sends_each_invitee_a_personal_link(app, survey_case):
    case, survey_id, opens = survey_case
    due = opens - timedelta(days=_offset(app, ReminderKind.feedback_due))

    _run(app, due - timedelta(days=1))
    assert messages(app, f"feedback_due:survey-{survey_id}:") == []
    _run(app, due)

    sent = messages(app, f"feedback_due:survey-{survey_id}:")
    participant = f"participant-{case.contract_id}@example.com"
    assert {m.recipient for m in sent} == case.client_emails | {participant}
    links = {m.recipient: m.body.split("/feedback/")[1].split()[0] for m in sent}
    assert len(set(links.values())) == len(sent), "every link is personal"
    by_language = {m.language.name: m for m in sent}
    assert by_language["sv"].subject.startswith("Responsenkät")
    assert by_language["en"].subject.startswith("Feedback survey")
    assert by_language["fi"].subject.startswith("Palautekysely")


def test_those_who_answered_are_not_reminded_before_closing(
    app, client_as, survey_case
):
    case, survey_id, opens = survey_case
    _run(app, opens)
    invited = messages(app, f"feedback_due:survey-{survey_id}:")
    answered = invited[0]
    token = answered.body.split("/feedback/")[1].split()[0]
    with app.app_context():
        db.session.get(FeedbackSurvey, survey_id).opens_on = date.today()
        db.session.get(FeedbackSurvey, survey_id).closes_on = date.today()
        db.session.commit()
    page = app.test_client().post(
        f"/feedback/{token}", data=survey_form(app, survey_id)
    )
    assert page.status_code == 200
    with app.app_context():
        survey = db.session.get(FeedbackSurvey, survey_id)
        survey.opens_on, survey.closes_on = opens, opens + timedelta(days=14)
        db.session.commit()
    closes = opens + timedelta(days=14)
    due = closes - timedelta(days=_offset(app, ReminderKind.feedback_not_answered))

    _run(app, due - timedelta(days=1))
    assert messages(app, f"feedback_not_answered:survey-{survey_id}:") == []
    _run(app, due)

    reminded = recipients(app, f"feedback_not_answered:survey-{survey_id}:")
    assert reminded == {m.recipient for m in invited} - {answered.recipient}
    _run(app, closes + timedelta(days=1))
    assert len(messages(app, f"feedback_not_answered:survey-{survey_id}:")) == len(
        reminded
    ), "nothing after the survey closed"


def test_people_invited_yesterday_or_today_are_not_yet_reminded(app):
    today = date.today()
    case = new_contract(app, signed_on=today, status=ContractStatus.in_delivery)
    (survey_id,) = _add(
        app,
        FeedbackSurvey(
            question_set_id=default_set_id(app),
            contract_id=case.contract_id,
            kind=SurveyKind.interim,
            opens_on=today,
            closes_on=today + timedelta(days=2),
        ),
    )

    _run(app, today)
    _run(app, today + timedelta(days=1))

    assert recipients(app, f"feedback_due:survey-{survey_id}:") == case.client_emails
    assert messages(app, f"feedback_not_answered:survey-{survey_id}:") == []
    _run(app, today + timedelta(days=2))
    assert recipients(app, f"feedback_not_answered:survey-{survey_id}:") == (
        case.client_emails
    ), "on the last day"
