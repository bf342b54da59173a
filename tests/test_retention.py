"""Retention: the scheduler's tick anonymises participants the set number of
days after their service closed, not a day earlier, once."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    AuditAction,
    AuditEvent,
    ContactPerson,
    ContractStatus,
    Participant,
    ServiceContract,
)
from app.services.reminders.tick import tick
from tests.api_world import api_app
from tests.path_records import new_contract

CLOSED_ON = date(2026, 1, 15)
RETENTION_DAYS = 30


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    with api_app(tmp_path_factory.mktemp("retention"), "retention") as app:
        app.config["PARTICIPANT_RETENTION_DAYS"] = RETENTION_DAYS
        yield app, _closed_delivery(app)


def _closed_delivery(app) -> dict:
    closed = new_contract(app, date(2025, 9, 1), status=ContractStatus.closed)
    still_open = new_contract(app, date(2025, 9, 1), status=ContractStatus.delivered)
    with app.app_context():
        db.session.get(ServiceContract, closed.contract_id).closed_on = CLOSED_ON
        contact = db.session.scalar(
            select(ContactPerson).where(
                ContactPerson.organisation_id == closed.company_id
            )
        )
        people = [
            # The same address as a contact person who stays.
            Participant(first_name="Aino", last_name="Säilö", email=contact.email),
            Participant(first_name="Eero", last_name="Poistuva", email="eero@x.fi"),
        ]
        # Many at once: the erasure's searches must stay within SQLite's limits.
        people += [
            Participant(first_name="Osallistuja", last_name=f"N{n:03}", email=None)
            for n in range(60)
        ]
        for person in people:
            person.contract_id = closed.contract_id
            person.company_id = closed.company_id
            person.completed = True
        kept = Participant(
            contract_id=still_open.contract_id,
            company_id=still_open.company_id,
            first_name="Kalle",
            last_name="Kesken",
            email="kalle@x.fi",
        )
        db.session.add_all([*people, kept])
        db.session.commit()
        return {
            "closed": [person.id for person in people],
            "open": kept.id,
            "contact": contact.id,
            "contact_email": contact.email,
        }


def _erased(app, ids) -> list[bool]:
    with app.app_context():
        return [db.session.get(Participant, i).erased_on is not None for i in ids]


def _retention_events(app) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count()).where(AuditEvent.action == AuditAction.retention)
        )


def test_participants_are_anonymised_on_the_day_the_retention_ends(world):
    app, ids = world
    last_kept_day = CLOSED_ON + timedelta(days=RETENTION_DAYS - 1)

    with app.app_context():
        tick(last_kept_day)
    assert not any(_erased(app, ids["closed"]))

    with app.app_context():
        tick(last_kept_day + timedelta(days=1))
    assert all(_erased(app, ids["closed"]))
    assert _erased(app, [ids["open"]]) == [False]
    assert _retention_events(app) == len(ids["closed"]) == 62

    with app.app_context():
        people = [db.session.get(Participant, i) for i in ids["closed"][:2]]
        assert {(p.first_name, p.last_name, p.email) for p in people} == {
            ("", "", None)
        }
        assert all(p.completed for p in people), "completions stay"
        assert str(people[0]) == "Poistettu henkilö"
        contact = db.session.get(ContactPerson, ids["contact"])
        assert contact.email == ids["contact_email"], "a contact who stays keeps it"
        assert contact.erased_on is None

    with app.app_context():
        tick(last_kept_day + timedelta(days=2))
    assert _retention_events(app) == 62, "anonymised once"


@pytest.mark.parametrize(
    ("language", "heading", "retention"),
    [
        ("fi", "Tietosuojaseloste", "30 päivän"),
        ("sv", "Dataskyddsbeskrivning", "30 dagar"),
        ("en", "Privacy notice", "30 days"),
    ],
)
def test_the_privacy_notice_states_the_retention_time(
    world, language, heading, retention
):
    app, _ = world
    page = app.test_client().get("/privacy", headers={"Accept-Language": language})
    assert page.status_code == 200
    assert heading in page.text
    assert retention in page.text
