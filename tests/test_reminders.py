"""Reminders: each rule fires for the right people on the right day and not for
others, once however often the tick runs, also with two schedulers at once and
after the scheduler was down over the due day."""

import threading
import uuid
from datetime import date, datetime, time, timedelta

import pytest

from app.extensions import db
from app.models import (
    Lead,
    LeadSource,
    LeadStatus,
    Offer,
    OfferStatus,
    Organisation,
    OrganisationKind,
    OutboxMessage,
    PartnershipAgreement,
    ReminderKind,
    ReminderRule,
    RequestForQuotation,
    RequestStatus,
)
from app.security.viewer import SYSTEM
from app.services.reminders.tick import run_reminders, tick
from app.services.workflow import requests as request_steps
from tests.conftest import demo_app
from tests.databases import drop_database, fresh_database
from tests.path_records import new_contract, rule_changed
from tests.smtp import body_of, html_of
from tests.test_workflow_offers import _move_deadline, _two_submitted_offers

TODAY = date(2027, 3, 28)  # the day Helsinki moves its clocks to summer time


def _messages(app, key_part: str) -> list[OutboxMessage]:
    with app.app_context():
        messages = db.session.scalars(
            db.select(OutboxMessage).where(OutboxMessage.key.contains(key_part))
        ).all()
        db.session.expunge_all()
        return messages


def lead_due(app, follow_up: date, status=LeadStatus.new, owner="coordinator") -> int:
    """A lead of a client company whose follow-up is due on ``follow_up``."""
    with app.app_context():
        company = db.session.scalars(
            db.select(Organisation).filter_by(kind=OrganisationKind.client)
        ).first()
        lead = Lead(
            company=company,
            source=LeadSource.phone,
            status=status,
            next_follow_up_on=follow_up,
            owner=app.appbuilder.sm.find_user(username=owner),
            description=f"muistutus-{uuid.uuid4()}",
        )
        db.session.add(lead)
        db.session.commit()
        return lead.id


def _run(app, today: date) -> int:
    with app.app_context():
        return run_reminders(today)


def test_a_lead_is_followed_up_on_its_day_once_and_to_its_owner(app):
    due = lead_due(app, TODAY)
    tomorrow = lead_due(app, TODAY + timedelta(days=1))
    dropped = lead_due(app, TODAY, status=LeadStatus.dropped)

    _run(app, TODAY)
    _run(app, TODAY)

    (message,) = _messages(app, f"lead_follow_up:lead-{due}:")
    assert message.recipient == "coordinator@example.com"
    assert message.subject.startswith("Liidin seuranta: ")
    assert "28.3.2027" in message.body
    assert _messages(app, f"lead_follow_up:lead-{tomorrow}:") == []
    assert _messages(app, f"lead_follow_up:lead-{dropped}:") == []


def test_a_reminder_missed_while_the_scheduler_was_down_is_sent_once(app):
    missed = lead_due(app, TODAY - timedelta(days=2))

    _run(app, TODAY)
    _run(app, TODAY + timedelta(days=1))

    (message,) = _messages(app, f"lead_follow_up:lead-{missed}:")
    assert message.key.endswith((TODAY - timedelta(days=2)).isoformat())


def test_providers_that_neither_offered_nor_declined_are_reminded(app):
    with app.app_context():
        rule = db.session.scalars(
            db.select(ReminderRule).filter_by(
                kind=ReminderKind.offer_deadline_approaching
            )
        ).one()
        days_before = rule.offset_days
        today = datetime.now().date()
        deadline = datetime.combine(today + timedelta(days=days_before), time(16))
        company = db.session.scalars(
            db.select(Organisation).filter_by(kind=OrganisationKind.client)
        ).first()
        request = RequestForQuotation(
            reference=f"TP-MUIST-{uuid.uuid4().hex[:6]}",
            title="Muistutustesti",
            description="Kuvaus",
            expertise_sought="Osaaminen",
            client_companies=[company],
            offer_deadline=deadline,
        )
        db.session.add(request)
        db.session.flush()
        request_steps.publish(request, SYSTEM)
        distributions = request.distributions
        offered, declined = distributions[0], distributions[1]
        db.session.add(
            Offer(
                request=request,
                lead_provider_id=offered.provider_id,
                content="Tarjous",
                price=1,
                vat_rate=0,
                valid_until=today + timedelta(days=90),
                status=OfferStatus.submitted,
            )
        )
        declined.declined_on = datetime.now()
        declined.decline_reason = "Ei nyt."
        db.session.commit()
        request_id = request.id
        expected = {
            person.email
            for distribution in distributions[2:]
            for person in distribution.provider.contact_people
            if person.receives_requests and person.is_active
        }
        not_expected = {
            person.email
            for distribution in (offered, declined)
            for person in distribution.provider.contact_people
        }

    _run(app, today - timedelta(days=1))
    assert _messages(app, f"request-{request_id}:") == [], "not before its day"
    _run(app, today)

    recipients = {m.recipient for m in _messages(app, f"request-{request_id}:")}
    assert recipients == expected
    assert not recipients & not_expected


def test_an_expiring_partnership_agreement_reaches_provider_and_coordinator(app):
    with app.app_context():
        agreement = db.session.scalars(db.select(PartnershipAgreement)).first()
        rule_days = db.session.scalars(
            db.select(ReminderRule.offset_days).filter_by(
                kind=ReminderKind.agreement_expiring
            )
        ).one()
        agreement.valid_until = TODAY + timedelta(days=rule_days)
        db.session.commit()
        agreement_id = agreement.id
        provider_emails = {p.email for p in agreement.provider.contact_people}

    def due_today():
        found = _messages(app, f"agreement_expiring:agreement-{agreement_id}:")
        return [m for m in found if m.key.endswith(TODAY.isoformat())]

    _run(app, TODAY - timedelta(days=1))
    assert due_today() == []
    _run(app, TODAY)

    recipients = {m.recipient for m in due_today()}
    assert provider_emails <= recipients
    assert "sanna.virtanen@example.com" in recipients


def test_a_disabled_rule_sends_nothing(app):
    with rule_changed(app, ReminderKind.lead_follow_up, enabled=False):
        lead_id = lead_due(app, TODAY)
        _run(app, TODAY)
        assert _messages(app, f"lead_follow_up:lead-{lead_id}:") == []


def test_a_tick_queues_and_sends(app, inbox):
    lead_id = lead_due(app, datetime.now().date())
    with app.app_context():
        queued, sent = tick()
    assert queued >= 1 and sent >= 1
    assert any(m["Subject"].startswith("Liidin seuranta") for m in inbox.messages), (
        "the reminder arrived"
    )
    assert _messages(app, f"lead-{lead_id}:")[0].sent_on is not None


@pytest.fixture
def own_database(tmp_path):
    """A database of its own, so that a thousand leads burden no other test."""
    url = fresh_database(tmp_path, "reminders")
    with demo_app(url) as application:
        yield application
    drop_database(url)


def test_a_thousand_due_reminders_with_two_schedulers_make_a_thousand_messages(
    own_database,
):
    app = own_database
    day = TODAY + timedelta(days=400)
    with app.app_context():
        company = db.session.scalars(
            db.select(Organisation).filter_by(kind=OrganisationKind.client)
        ).first()
        owner = app.appbuilder.sm.find_user(username="coordinator")
        leads = [
            Lead(
                company=company,
                source=LeadSource.event,
                next_follow_up_on=day,
                owner=owner,
                description="tuhat",
            )
            for _ in range(1000)
        ]
        db.session.add_all(leads)
        db.session.commit()
    barrier = threading.Barrier(2)
    errors = []

    def scheduler():
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                run_reminders(day)
            except Exception as error:  # reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)

    assert errors == []
    keys = [m.key for m in _messages(app, "lead_follow_up:lead-")]
    due_that_day = [key for key in keys if key.endswith(day.isoformat())]
    assert len(due_that_day) == 1000
    assert len(set(due_that_day)) == 1000


@pytest.mark.parametrize("today", [date(2027, 3, 28), date(2027, 10, 31)])
def test_daylight_saving_days_behave_like_other_days(app, today):
    lead_id = lead_due(app, today)

    _run(app, today)
    _run(app, today)

    assert len(_messages(app, f"lead_follow_up:lead-{lead_id}:")) == 1


def test_a_passed_deadline_closes_the_request_and_tells_coordinator_and_client(
    app, client_as
):
    request_id, winner_id, _other_id = _two_submitted_offers(app, client_as)
    with app.app_context():
        request = db.session.get(RequestForQuotation, request_id)
        client_emails = {
            person.email
            for person in request.client_companies[0].contact_people
            if person.is_active
        }
        provider_emails = {
            person.email
            for distribution in request.distributions
            for person in distribution.provider.contact_people
        }
        coordinator = db.session.scalars(
            db.select(Organisation).filter_by(kind=OrganisationKind.coordinator)
        ).one()
        coordinator_emails = {p.email for p in coordinator.contact_people}
    _run(app, datetime.now().date())
    assert _messages(app, f"offer_deadline_passed:request-{request_id}:") == []

    _move_deadline(app, request_id, days=-1)
    _run(app, datetime.now().date())

    sent = _messages(app, f"offer_deadline_passed:request-{request_id}:")
    recipients = {message.recipient for message in sent}
    assert recipients == client_emails | coordinator_emails
    assert not recipients & provider_emails
    assert "Tarjouksia tuli 2." in sent[0].body
    with app.app_context():
        closed = db.session.get(RequestForQuotation, request_id)
        assert closed.status is RequestStatus.closed
    response = client_as("client1").post(f"/offerview/action/accept/{winner_id}")
    assert "/servicecontractview/show/" in response.headers["Location"], (
        "a closed request can still be decided"
    )


def test_a_reminder_reaches_the_recipient_in_their_language_with_html_and_link(
    app, inbox
):
    case = new_contract(app, signed_on=TODAY, provider_languages=("sv", "en"))
    with app.app_context():
        offset = db.session.scalar(
            db.select(ReminderRule.offset_days).filter_by(
                kind=ReminderKind.plan_missing
            )
        )
    with (
        rule_changed(app, ReminderKind.plan_missing, copy_to_coordinator=True),
        app.app_context(),
    ):
        tick(TODAY - timedelta(days=offset))

    mine = [m for m in inbox.messages if case.provider_emails & {m["To"]}]
    by_language = {m["To"].split("-")[2]: m for m in mine}
    swedish, english = by_language["sv"], by_language["en"]
    assert swedish["Subject"].startswith("Genomförandeplan saknas")
    assert english["Subject"].startswith("Implementation plan missing")
    link = f"https://operaattori.example/servicecontractview/show/{case.contract_id}"
    assert link in body_of(swedish)
    assert f'<a href="{link}">' in html_of(swedish)
    assert 'lang="sv"' in html_of(swedish)
    copies = [
        m
        for m in inbox.messages
        if m["To"] == "sanna.virtanen@example.com" and link in body_of(m)
    ]
    assert len(copies) == 1, "one copy to each coordinator contact"
    assert copies[0]["Subject"].startswith("Toteutussuunnitelma puuttuu")
    assert len({m["Message-ID"] for m in mine + copies}) == len(mine) + 1
