"""The closing flow through the app's routes: the lead provider drafts a
report prefilled from the delivery and its feedback, submits it, the
coordinator reviews it and closes the service, and the follow-up needs survey
falls due months later."""

from datetime import date, datetime, time, timedelta

import pytest

from app.demo.deliveries import survey_answer
from app.extensions import db
from app.models import (
    ClosingReport,
    ContractStatus,
    FeedbackSurvey,
    Participant,
    ReminderKind,
    ReminderRule,
    ReportStatus,
    ServiceContract,
    SurveyKind,
)
from app.services.clock import local_now
from app.services.feedback_results import default_question_set
from app.services.reminders.tick import run_reminders
from tests.path_records import messages, new_contract, plan_with_days
from tests.test_workflow_offers import _flash

DAY = date.today() - timedelta(days=30)


@pytest.fixture
def delivered(app):
    """A delivered contract of provider1: two past six-hour sessions, three
    participants of whom two completed, and a survey with three answers."""
    case = new_contract(
        app,
        signed_on=DAY - timedelta(days=30),
        status=ContractStatus.delivered,
        provider_login="provider1",
    )
    with app.app_context():
        plan = plan_with_days(
            case.contract_id,
            [DAY, DAY + timedelta(days=7)],
            "Turvallinen trukin käyttö.",
        )
        db.session.add(plan)
        for number, completed in enumerate((True, True, False)):
            db.session.add(
                Participant(
                    contract_id=case.contract_id,
                    company_id=case.company_id,
                    first_name=f"Henkilö{number}",
                    last_name="Testi",
                    completed=completed,
                )
            )
        question_set = default_question_set()
        survey = FeedbackSurvey(
            contract_id=case.contract_id,
            kind=SurveyKind.final,
            opens_on=DAY + timedelta(days=8),
            closes_on=DAY + timedelta(days=20),
            question_set=question_set,
        )
        answered_on = datetime.combine(DAY, time(12))
        for scale, recommendation in ((5, 10), (4, 9), (3, 5)):
            survey.answers.append(
                survey_answer(question_set, answered_on, scale, recommendation)
            )
        db.session.add(survey)
        db.session.commit()
    return case


def _report(app, contract_id) -> ClosingReport | None:
    with app.app_context():
        report = db.session.scalar(
            db.select(ClosingReport).filter_by(contract_id=contract_id)
        )
        if report is not None:
            db.session.expunge(report)
        return report


def test_the_draft_report_is_prefilled_from_the_delivery(app, client_as, delivered):
    provider = client_as("provider1")

    response = provider.post(
        f"/servicecontractview/action/draft_report/{delivered.contract_id}"
    )

    report = _report(app, delivered.contract_id)
    assert response.headers["Location"].endswith(f"/closingreportview/show/{report.id}")
    assert report.status is ReportStatus.draft
    assert "Turvallinen trukin käyttö." in report.summary
    assert "Osallistujia 3, joista koulutuksen suoritti 2." in report.summary
    assert "Toteutuneet tunnit: 12 h (2 koulutuskertaa" in report.summary
    assert "3 vastausta" in report.feedback_analysis
    assert "keskiarvo 4" in report.feedback_analysis
    # recommendations 10, 9 and 5: two promoters, one detractor of three
    assert "suositteluindeksi 33" in report.feedback_analysis

    provider.post(f"/servicecontractview/action/draft_report/{delivered.contract_id}")
    assert "on jo loppuraportti" in _flash(provider)


def test_another_provider_cannot_draft_the_report(app, client_as, delivered):
    response = client_as("provider2").post(
        f"/servicecontractview/action/draft_report/{delivered.contract_id}"
    )

    assert response.status_code in (403, 404)
    assert _report(app, delivered.contract_id) is None


def test_submit_review_close_and_the_follow_up_survey_falls_due(
    app, client_as, coordinator, delivered
):
    provider = client_as("provider1")
    contract_id = delivered.contract_id
    provider.post(f"/servicecontractview/action/draft_report/{contract_id}")
    report_id = _report(app, contract_id).id

    coordinator.post(f"/servicecontractview/action/close/{contract_id}")
    assert "Käy loppuraportti ensin läpi" in _flash(coordinator)
    provider.post(f"/closingreportview/action/submit_report/{report_id}")
    coordinator.post(f"/closingreportview/action/review_report/{report_id}")
    coordinator.post(f"/servicecontractview/action/close/{contract_id}")

    report = _report(app, contract_id)
    assert report.status is ReportStatus.reviewed
    assert report.reviewed_on == local_now().date()
    with app.app_context():
        closed = db.session.get(ServiceContract, contract_id)
        assert closed.status is ContractStatus.closed
        assert closed.closed_on == local_now().date()
        days_after = -db.session.scalar(
            db.select(ReminderRule.offset_days).filter_by(
                kind=ReminderKind.follow_up_survey
            )
        )
    due = date.today() + timedelta(days=days_after)
    with app.app_context():
        run_reminders(due - timedelta(days=1))
    assert messages(app, f"follow_up_survey:contract-{contract_id}:") == []
    with app.app_context():
        run_reminders(due)
    assert messages(app, f"follow_up_survey:contract-{contract_id}:")
    assert days_after > 90, "months after the review"
