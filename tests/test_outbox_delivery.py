"""Delivery from the outbox against a real SMTP server: temporary refusals are
tried again on the schedule, permanent ones fail once, a silent server fails
within the timeout, a dead sender's claim is taken back, and two senders at
once send every message exactly once."""

import socket
import threading
import time
import uuid
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller

from app.extensions import db
from app.mail.outbox import (
    deliver_pending,
    deliver_queued,
    queue_message,
    retry_delay,
)
from app.models import OutboxMessage, OutboxStatus
from app.models.choices import Language
from app.models.history import utc_now
from tests.api_world import api_app
from tests.conftest import visible_text
from tests.smtp import Inbox


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """An app over a database of its own: mail that other modules left waiting
    would otherwise fill the batches whose sizes these tests count on."""
    with api_app(tmp_path_factory.mktemp("outbox"), "outbox") as application:
        yield application


class Refusing(Inbox):
    """An SMTP server that refuses some recipients, temporarily or for good."""

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        if address.startswith("later"):
            return "451 4.3.0 Try again later"
        if address.startswith("nobody"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def refusing_server(sending):
    inbox = Refusing()
    controller = Controller(inbox, hostname="127.0.0.1", port=sending)
    controller.start()
    yield inbox
    controller.stop()


def _queue(app, *recipients) -> list[int]:
    with app.app_context():
        messages = [
            queue_message(
                key=f"test:{uuid.uuid4()}",
                recipient=recipient,
                language=Language.fi,
                subject="Testiviesti",
                body="Hei",
            )
            for recipient in recipients
        ]
        db.session.commit()
        return [message.id for message in messages]


def _message(app, message_id) -> OutboxMessage:
    with app.app_context():
        message = db.session.get(OutboxMessage, message_id)
        db.session.expunge(message)
        return message


def test_a_temporary_refusal_is_tried_again_on_the_schedule(app, refusing_server):
    (message_id,) = _queue(app, "later@example.com")
    start = utc_now()

    with app.app_context():
        deliver_pending(now=start)
    first = _message(app, message_id)
    assert first.status is OutboxStatus.pending
    assert first.attempts == 1
    assert first.next_attempt_on == start + retry_delay(1)
    assert "451" in first.last_error

    with app.app_context():
        deliver_pending(now=start + timedelta(seconds=30))
    assert _message(app, message_id).attempts == 1, "not before its time"

    with app.app_context():
        deliver_pending(now=first.next_attempt_on)
    second = _message(app, message_id)
    assert second.attempts == 2
    assert second.next_attempt_on == first.next_attempt_on + retry_delay(2)
    assert retry_delay(2) == 2 * retry_delay(1)


def test_a_permanent_refusal_fails_once_and_is_not_retried(app, refusing_server):
    (message_id,) = _queue(app, "nobody@example.com")

    with app.app_context():
        deliver_pending()
        deliver_pending(now=utc_now() + timedelta(days=1))

    message = _message(app, message_id)
    assert message.status is OutboxStatus.failed
    assert message.attempts == 1
    assert "550" in message.last_error


class CountingConnections(Refusing):
    """Notes, for each message received, the client's address and port: one
    port per connection."""

    def __init__(self) -> None:
        super().__init__()
        self.peers: list[tuple[str, int]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.peers.append(session.peer)
        return await super().handle_DATA(server, session, envelope)


def test_a_batch_goes_over_one_connection_and_a_new_one_after_a_failure(app, sending):
    server = CountingConnections()
    controller = Controller(server, hostname="127.0.0.1", port=sending)
    controller.start()
    recipients = ["a@example.com", "b@example.com", "nobody@example.com"]
    ids = _queue(app, *recipients, "c@example.com", "d@example.com")
    try:
        with app.app_context():
            sent = deliver_pending()
    finally:
        controller.stop()

    assert sent == 4
    assert _message(app, ids[2]).status is OutboxStatus.failed
    first, second, third, fourth = server.peers
    assert first == second, "the batch shares its connection"
    assert third == fourth != first, "a refusal closes it; the rest share a new one"


def test_a_silent_server_fails_within_the_timeout(app, sending, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_TIMEOUT", 1)
    listener = socket.socket()
    listener.bind(("127.0.0.1", sending))
    listener.listen()
    (message_id,) = _queue(app, "silent@example.com")
    try:
        started = time.monotonic()
        with app.app_context():
            deliver_pending()
        elapsed = time.monotonic() - started
    finally:
        listener.close()

    message = _message(app, message_id)
    assert message.status is OutboxStatus.pending
    assert "timed out" in message.last_error.lower()
    assert elapsed < 10, "each waiting message gives up after the timeout"


def test_a_claim_left_by_a_dead_sender_is_taken_back(app, inbox):
    (message_id,) = _queue(app, "orphan@example.com")
    with app.app_context():
        message = db.session.get(OutboxMessage, message_id)
        message.status = OutboxStatus.sending
        message.claimed_on = utc_now() - timedelta(hours=1)
        db.session.commit()

    with app.app_context():
        deliver_pending()

    assert _message(app, message_id).status is OutboxStatus.sent
    assert [m["To"] for m in inbox.messages].count("orphan@example.com") == 1


def test_two_senders_at_once_send_every_message_exactly_once(app, inbox):
    recipients = [f"pair{index}@example.com" for index in range(40)]
    _queue(app, *recipients)
    barrier = threading.Barrier(2)

    def sender():
        with app.app_context():
            barrier.wait(timeout=10)
            deliver_pending(limit=1000)
            db.session.remove()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    received = [m["To"] for m in inbox.messages if m["To"] in recipients]
    assert sorted(received) == sorted(recipients)


def test_without_a_mail_server_mail_is_kept_for_the_coordinator_to_read(
    app, monkeypatch, mail_port, coordinator
):
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "mailbox")
    monkeypatch.setitem(app.config, "MAIL_SUPPRESS_SEND", False)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", mail_port)  # nothing listens
    with app.app_context():
        message = queue_message(
            key=f"test:{uuid.uuid4()}",
            recipient="paikallinen@example.com",
            language=Language.fi,
            subject="Testiviesti",
            body="Hei",
        )
        db.session.commit()
        message_id = message.id
        assert deliver_queued() == 1

    kept = _message(app, message_id)
    assert kept.status is OutboxStatus.kept
    assert kept.last_error is None and kept.sent_on is not None
    page = coordinator.get(f"/outboxmessageview/show/{message_id}")
    text = visible_text(page.get_data(as_text=True))
    assert "paikallinen@example.com" in text and "Testiviesti" in text
    assert "Paikallisessa postilaatikossa" in text
