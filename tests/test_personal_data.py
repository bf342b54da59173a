"""A person's data: the export holds all of it and nothing of others'; the
erasure leaves no trace of their name, email or phone in any table or screen
search while every count and sum stays; both are in the audit log."""

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from flask_appbuilder import Model
from sqlalchemy import func, select, text

from app.extensions import db
from app.mail.outbox import queue_message
from app.models import (
    AuditAction,
    AuditEvent,
    Certificate,
    ContactPerson,
    FeedbackSurvey,
    Organisation,
    Participant,
    SurveyInvitation,
    SurveyKind,
)
from app.models.choices import Language
from app.security.audit import record_sign_in_failure
from tests.api_world import api_app
from tests.conftest import login, visible_text
from tests.path_records import default_set_id, new_contract

PERSON = {
    "first_name": "Ilmari",
    "last_name": "Erasmussen",
    "email": "ilmari.erasmussen@esimerkki.fi",
    "phone": "040 765 4321",
}
OTHER = {
    "first_name": "Oona",
    "last_name": "Toisenlainen",
    "email": "oona.toisenlainen@esimerkki.fi",
    "phone": "050 111 2222",
}
USERNAME = "ilmari.e"
TRACES = [
    "Ilmari",
    "Erasmussen",
    "ilmari.erasmussen@esimerkki.fi",
    "040 765 4321",
    "0407654321",
    USERNAME,
]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """An app over its own database, with one person whose data is spread over
    the platform and another person beside them."""
    with api_app(tmp_path_factory.mktemp("personal"), "personal") as app:
        yield app, _seed(app)


def _seed(app) -> dict:
    case = new_contract(app, date(2026, 3, 2))
    with app.app_context():
        company_id = case.company_id
    coordinator = app.test_client()
    login(coordinator, "coordinator")
    ids = {}
    for key, person in (("contact", PERSON), ("other", OTHER)):
        answer = coordinator.post(
            "/contactpersonview/add",
            data={**person, "organisation": company_id, "language": "fi"},
        )
        assert answer.status_code == 302, answer.text
        with app.app_context():
            ids[key] = db.session.scalar(
                select(ContactPerson.id).filter_by(email=person["email"])
            )
    coordinator.post(
        f"/contactpersonview/edit/{ids['contact']}",
        data={
            **PERSON,
            "organisation": company_id,
            "language": "fi",
            "title": "Tuotantopäällikkö",
            "is_active": "y",
        },
    )
    coordinator.post(
        "/leadview/add",
        data={
            "company": company_id,
            "contact_person": ids["contact"],
            "source": "phone",
            "description": "Ilmari Erasmussen soitti: trukkikoulutus kymmenelle.",
        },
    )
    coordinator.post(
        "/pathnoteview/add",
        data={"company": company_id, "text": "Sovittu Erasmussen Ilmari kanssa."},
    )
    with app.app_context():
        participant = Participant(
            contract_id=case.contract_id,
            company_id=company_id,
            first_name=PERSON["first_name"],
            last_name=PERSON["last_name"],
            email=PERSON["email"].upper(),
            completed=True,
        )
        other = Participant(
            contract_id=case.contract_id,
            company_id=company_id,
            first_name=OTHER["first_name"],
            last_name=OTHER["last_name"],
            email=OTHER["email"],
            completed=False,
        )
        survey = FeedbackSurvey(
            contract_id=case.contract_id,
            kind=SurveyKind.final,
            opens_on=date(2026, 5, 1),
            closes_on=date(2026, 5, 15),
            question_set_id=default_set_id(app),
        )
        db.session.add_all([participant, other, survey])
        db.session.flush()
        certificate = Certificate(
            participant=participant, issued_on=date(2026, 5, 20), hours=Decimal("8")
        )
        db.session.add_all(
            [certificate, SurveyInvitation(survey=survey, participant=participant)]
        )
        queue_message(
            key=f"test:survey:{PERSON['email']}",
            recipient=PERSON["email"],
            language=Language.fi,
            subject="Palautekysely",
            body="Hei Ilmari, vastaa kyselyyn.",
        )
        queue_message(
            key=f"test:survey:{OTHER['email']}",
            recipient=OTHER["email"],
            language=Language.fi,
            subject="Palautekysely",
            body="Hei Oona, vastaa kyselyyn.",
        )
        organisation = db.session.get(Organisation, company_id)
        app.appbuilder.sm.add_user(
            USERNAME,
            PERSON["first_name"],
            PERSON["last_name"],
            PERSON["email"],
            app.appbuilder.sm.find_role("Client"),
            password="Salasana-123456",
        )
        db.session.commit()
        user = app.appbuilder.sm.find_user(username=USERNAME)
        user.organisation = organisation
        db.session.commit()
        ids.update(
            participant=participant.id,
            other_participant=other.id,
            certificate=certificate.verification_code,
            contract=case.contract_id,
        )
    with app.test_request_context():
        record_sign_in_failure(USERNAME)
    return ids


def _coordinator(app):
    client = app.test_client()
    login(client, "coordinator")
    return client


def _export(app, kind: str, record_id: int) -> dict:
    answer = _coordinator(app).get(f"/personal-data/{kind}/{record_id}/download")
    assert answer.status_code == 200
    assert "attachment" in answer.headers["Content-Disposition"]
    return json.loads(answer.data)


def test_the_export_holds_all_of_the_persons_data_and_nothing_of_others(world):
    app, ids = world
    exported = _export(app, "contact", ids["contact"])
    dump = json.dumps(exported, ensure_ascii=False)

    kinds = sorted((record["kind"], record["id"]) for record in exported["records"])
    assert kinds == [("contact", ids["contact"]), ("participant", ids["participant"])]
    contact = next(r for r in exported["records"] if r["kind"] == "contact")
    assert contact["details"]["phone"] == PERSON["phone"]
    assert contact["details"]["title"] == "Tuotantopäällikkö"
    assert [lead["description"] for lead in contact["leads"]] == [
        "Ilmari Erasmussen soitti: trukkikoulutus kymmenelle."
    ]
    assert {event["action"] for event in contact["history"]} >= {"create", "update"}
    participant = next(r for r in exported["records"] if r["kind"] == "participant")
    assert participant["certificate"]["verification_code"] == ids["certificate"]
    assert participant["survey_invitations"][0]["answered"] is False
    assert [account["username"] for account in exported["user_accounts"]] == [USERNAME]
    assert [m["body"] for m in exported["emails"]] == ["Hei Ilmari, vastaa kyselyyn."]
    for value in OTHER.values():
        assert value not in dump
    assert "coordinator" not in dump, "who changed the records is not theirs"


def test_the_readable_export_and_the_download_are_audited(world):
    app, ids = world

    def exports() -> int:
        with app.app_context():
            return db.session.scalar(
                select(func.count()).where(
                    AuditEvent.action == AuditAction.personal_data_export,
                    AuditEvent.record_type == "Participant",
                    AuditEvent.record_id == ids["other_participant"],
                )
            )

    before = exports()
    page = _coordinator(app).get(
        f"/personal-data/participant/{ids['other_participant']}"
    )
    assert page.status_code == 200
    assert OTHER["last_name"] in page.text
    assert PERSON["last_name"] not in page.text
    _export(app, "participant", ids["other_participant"])
    assert exports() == before + 2


def test_only_the_coordinator_reaches_personal_data(world):
    app, ids = world
    for username in ("provider1", "client1", "steering", "admin"):
        client = app.test_client()
        login(client, username)
        for url in (
            "/personal-data/?q=Erasmussen",
            f"/personal-data/contact/{ids['contact']}",
            f"/personal-data/contact/{ids['contact']}/download",
        ):
            assert client.get(url).status_code in (302, 403), (username, url)
        client.post(
            f"/personal-data/contact/{ids['contact']}/erase", data={"confirm": "yes"}
        )
    with app.app_context():
        assert db.session.get(ContactPerson, ids["contact"]).erased_on is None


def test_the_search_finds_the_person_by_any_part_of_name_or_email(world):
    app, ids = world
    coordinator = _coordinator(app)
    for words in ("erasmus ilmari", "ILMARI.ERASMUSSEN@", "Erasmussen"):
        page = coordinator.get("/personal-data/", query_string={"q": words}).text
        assert f"/personal-data/contact/{ids['contact']}" in page, words
        assert f"/personal-data/participant/{ids['participant']}" in page, words
        assert "Toisenlainen" not in page, words
    nobody = coordinator.get("/personal-data/", query_string={"q": "%"}).text
    assert "/personal-data/contact/" not in nobody, "a wildcard is a character"


def test_the_erasure_of_ones_own_account_is_refused_and_changes_nothing(world):
    app, ids = world
    with app.app_context():
        own = app.appbuilder.sm.find_user(username="coordinator")
        contact = ContactPerson(
            organisation_id=db.session.get(
                ContactPerson, ids["contact"]
            ).organisation_id,
            first_name=own.first_name,
            last_name=own.last_name,
            email=own.email,
        )
        db.session.add(contact)
        db.session.commit()
        contact_id, email = contact.id, own.email
    coordinator = _coordinator(app)
    page = coordinator.post(
        f"/personal-data/contact/{contact_id}/erase",
        data={"confirm": "yes"},
        follow_redirects=True,
    )
    assert "pyydä toista koordinaattoria" in page.text
    with app.app_context():
        assert db.session.get(ContactPerson, contact_id).email == email
        assert app.appbuilder.sm.find_user(username="coordinator").active
        db.session.delete(db.session.get(ContactPerson, contact_id))
        db.session.commit()


def _all_text(app) -> str:
    """Every value of every table, as text."""
    with app.app_context():
        values = []
        for table in Model.metadata.sorted_tables:
            for row in db.session.execute(select(table)):
                values += [str(value) for value in row]
        return "\n".join(values)


def _counts_and_sums(app) -> dict:
    with app.app_context():
        figures = {
            table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in Model.metadata.sorted_tables
            if table.name != "audit_event"
        }
        for sql in (
            "SELECT sum(value) FROM service_contract",
            "SELECT sum(amount) FROM invoice_line",
            "SELECT count(*) FROM participant WHERE completed",
            "SELECT count(*) FROM certificate",
        ):
            figures[sql] = db.session.scalar(text(sql))
        return figures


# Screen searches by the person's details, each with what it finds before.
SEARCHES = [
    "/contactpersonview/list/?_flt_2_last_name=Erasmussen",
    "/contactpersonview/list/?_flt_2_email=ilmari.erasmussen",
    "/participantview/list/?_flt_2_last_name=Erasmussen",
    "/auditeventview/list/?_flt_2_username=ilmari.e",
    "/outboxmessageview/list/?_flt_2_recipient=ilmari.erasmussen",
    "/leadview/list/?_flt_2_description=Erasmussen",
    "/pathnoteview/list/?_flt_2_text=Erasmussen",
]


def _found(page: str) -> int:
    """The record count a list page shows (none when the list is empty)."""
    count = re.search(r"<strong>[^<]*:</strong>\s*(\d+)", page)
    return int(count.group(1)) if count else 0


def test_erasure_leaves_no_trace_and_keeps_every_count(world):
    app, ids = world
    coordinator = _coordinator(app)
    for url in SEARCHES:
        assert _found(coordinator.get(url).text) >= 1, url
    before = _counts_and_sums(app)
    erase = f"/personal-data/contact/{ids['contact']}/erase"

    coordinator.post(erase, data={})
    assert "Ilmari" in _all_text(app), "not erased without the confirmation"

    answer = coordinator.post(erase, data={"confirm": "yes"}, follow_redirects=True)
    assert answer.status_code == 200

    everything = _all_text(app).lower()
    for trace in TRACES:
        assert trace.lower() not in everything, trace
    assert OTHER["email"] in everything and "toisenlainen" in everything
    assert _counts_and_sums(app) == before
    for url in SEARCHES:
        page = coordinator.get(url).text
        assert _found(page) == 0, url
        assert "erasmussen" not in visible_text(page).lower(), url
    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == AuditAction.erasure)
        ).all()
        assert {(e.record_type, e.record_id) for e in events} >= {
            ("ContactPerson", ids["contact"]),
            ("Participant", ids["participant"]),
        }
        assert db.session.get(Certificate, _certificate_id(ids)).hours == 8
        assert app.appbuilder.sm.find_user(email=PERSON["email"]) is None
    check = app.test_client().get(f"/certificate/check/{ids['certificate']}")
    assert check.status_code == 200
    again = coordinator.post(erase, data={"confirm": "yes"}, follow_redirects=True)
    assert "on jo poistettu" in again.text


def _certificate_id(ids) -> int:
    return db.session.scalar(
        select(Certificate.id).filter_by(verification_code=ids["certificate"])
    )
