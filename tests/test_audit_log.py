"""The audit log: creates, changes, status changes and deletes with the changed
fields, sign-ins, failed sign-ins and sign-outs; never editable."""

import pytest

from app.extensions import db
from app.models import AuditAction, AuditEvent, ForesightNote, Lead, LeadStatus
from app.security.audit import AuditLogAppendOnlyError
from app.security.role_names import COORDINATOR
from app.security.row_rules import read_condition
from app.security.viewer import Viewer
from app.views.capped_count import CappedCountInterface, CountAbove
from tests.conftest import login, visible_text
from tests.path_records import organisation_id_of


def _events(app, **filters) -> list[AuditEvent]:
    with app.app_context():
        query = db.select(AuditEvent).filter_by(**filters).order_by(AuditEvent.id)
        events = list(db.session.scalars(query))
        db.session.expunge_all()
        return events


def test_create_change_and_delete_are_recorded_with_fields(app, coordinator):
    form = {"title": "Auditoitava havainto", "body": "Alku", "noted_on": "2026-01-05"}
    assert coordinator.post("/foresightnoteview/add", data=form).status_code == 302
    with app.app_context():
        note_id = db.session.scalar(
            db.select(ForesightNote.id).filter_by(title="Auditoitava havainto")
        )
    changed = {**form, "body": "Muutettu"}
    assert (
        coordinator.post(f"/foresightnoteview/edit/{note_id}", data=changed).status_code
        == 302
    )
    assert coordinator.post(f"/foresightnoteview/delete/{note_id}").status_code == 302

    created, updated, deleted = _events(
        app, record_type="ForesightNote", record_id=note_id
    )

    assert created.action is AuditAction.create
    assert created.username == "coordinator"
    assert created.changes["body"] == [None, "Alku"]
    assert updated.action is AuditAction.update
    assert updated.changes == {"body": ["Alku", "Muutettu"]}
    assert deleted.action is AuditAction.delete
    assert deleted.record_label == "Auditoitava havainto"


def test_a_status_change_is_recorded_as_such(app, coordinator):
    with app.app_context():
        lead = db.session.scalars(
            db.select(Lead).filter_by(status=LeadStatus.contacted)
        ).first()
        lead_id = lead.id

    response = coordinator.post(f"/leadview/action/qualify/{lead_id}")

    assert response.status_code == 302
    event = _events(app, record_type="Lead", record_id=lead_id)[-1]
    assert event.action is AuditAction.state_change
    assert event.changes["status"] == ["contacted", "qualified"]


def test_sign_in_failed_sign_in_and_sign_out_are_recorded(app):
    client = app.test_client()
    before = len(_events(app))

    login(client, "steering", "väärä-salasana-123")
    login(client, "steering")
    client.get("/logout/")

    actions = [(e.action, e.username) for e in _events(app)[before:]]
    assert actions == [
        (AuditAction.login_failed, "steering"),
        (AuditAction.login, "steering"),
        (AuditAction.logout, "steering"),
    ]


def test_passwords_never_reach_the_log(app, client_as):
    admin = client_as("admin")
    with app.app_context():
        client_role = app.appbuilder.sm.find_role("Client").id
    admin.post(
        "/users/add",
        data={
            "first_name": "Salainen",
            "last_name": "Käyttäjä",
            "username": "audit-secret",
            "email": "audit-secret@example.com",
            "roles": [client_role],
            "password": "hyvin-pitkä-salasana-42",
            "conf_password": "hyvin-pitkä-salasana-42",
        },
    )
    events = _events(app, record_type="OperatorUser")
    assert events, "creating a user is recorded"
    for event in events:
        assert "hyvin-pitkä" not in str(event.changes)


def test_nobody_can_change_or_delete_an_event(app, client_as):
    event_id = _events(app)[0].id
    admin = client_as("admin")
    assert admin.post(f"/auditeventview/edit/{event_id}", data={}).status_code == 403
    assert admin.post(f"/auditeventview/delete/{event_id}").status_code == 403

    with app.app_context():
        event = db.session.get(AuditEvent, event_id)
        event.username = "joku muu"
        with pytest.raises(AuditLogAppendOnlyError):
            db.session.flush()
        db.session.rollback()
        db.session.delete(db.session.get(AuditEvent, event_id))
        with pytest.raises(AuditLogAppendOnlyError):
            db.session.flush()
        db.session.rollback()


def test_a_refused_write_leaves_no_event(app, client_as):
    before = len(_events(app))
    client_as("provider1").post(
        "/offerview/add", data={"content": "x", "price": "-1", "version": "1"}
    )
    after = [e for e in _events(app)[before:] if e.record_type is not None]
    assert after == []


def _record_count(page: str) -> list[str]:
    """The two words after "Record Count" (in Finnish) on a list page."""
    text = visible_text(page)
    return text.split("Tietueiden määrä:", 1)[1].split()[:2]


def test_a_long_log_is_counted_only_up_to_the_limit(app, coordinator, monkeypatch):
    coordinator_viewer = Viewer(
        frozenset({COORDINATOR}), organisation_id_of(app, "coordinator")
    )
    with app.app_context():
        readable = db.session.scalar(
            db.select(db.func.count(AuditEvent.id)).where(
                read_condition(AuditEvent, coordinator_viewer)
            )
        )
    url = "/auditeventview/list/?psize_AuditEventView=25"

    monkeypatch.setattr(CappedCountInterface, "count_limit", readable)
    exact = coordinator.get(url).get_data(as_text=True)
    monkeypatch.setattr(CappedCountInterface, "count_limit", 30)
    capped = coordinator.get(url).get_data(as_text=True)

    assert readable > 50
    assert _record_count(exact)[0] == str(readable)
    assert _record_count(capped) == ["yli", "30"]
    # Two pages of 25 reach the 30 rows counted; the third is not offered.
    assert "page_AuditEventView=1" in capped
    assert "page_AuditEventView=2" not in capped


def test_a_count_above_the_limit_pages_as_the_limit():
    count = CountAbove(10_000)

    assert count / 25 == 400
    assert count + 1 == 10_001
