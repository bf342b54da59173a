"""A sending process killed in the middle loses no message: what it had sent
stays sent, what it had not touched waits, and the one it held when it died is
taken back after the claim's lease and sent with the same Message-ID, so that a
receiver can tell a repeat from a new message."""

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from app.extensions import db
from app.mail.outbox import CLAIM_LEASE, deliver_pending, queue_message
from app.models import OutboxMessage, OutboxStatus
from app.models.choices import Language
from app.models.history import utc_now
from tests.conftest import demo_app
from tests.databases import drop_database, fresh_database
from tests.local_services import free_port
from tests.smtp import Inbox

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = 40


class SlowInbox(Inbox):
    """Takes a while over each message, so that the sender can be caught."""

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        await asyncio.sleep(0.15)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def own_database(tmp_path):
    url = fresh_database(tmp_path, "killed")
    with demo_app(url) as application:
        yield application, url
    drop_database(url)


def test_a_sender_killed_while_sending_loses_no_message(own_database, monkeypatch):
    app, url = own_database
    batch = uuid.uuid4().hex[:8]
    with app.app_context():
        for number in range(MESSAGES):
            queue_message(
                key=f"killed:{batch}:{number}",
                recipient=f"vastaanottaja{number}@example.com",
                language=Language.fi,
                subject=f"Viesti {batch} {number}",
                body="Hei",
            )
        db.session.commit()
    port = free_port()
    inbox = SlowInbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(port),
        "MAIL_BACKEND": "smtp",
        "MAIL_SUPPRESS_SEND": "0",
    }
    try:
        sender = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "run", "scheduler", "tick"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while len(inbox.messages) < MESSAGES // 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        sender.send_signal(signal.SIGKILL)
        sender.wait(timeout=20)
        received_before_restart = len(inbox.messages)
        assert 0 < received_before_restart < MESSAGES, "killed in the middle"

        with app.app_context():
            left = Counter(
                db.session.scalars(
                    db.select(OutboxMessage.status).where(
                        OutboxMessage.key.startswith(f"killed:{batch}:")
                    )
                )
            )
        print("after the kill:", dict(left))
        assert left[OutboxStatus.sending] <= 1 and left[OutboxStatus.pending] > 0

        monkeypatch.setitem(app.config, "MAIL_SUPPRESS_SEND", False)
        monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
        monkeypatch.setitem(app.config, "MAIL_PORT", port)
        with app.app_context():
            deliver_pending(limit=10_000)  # a restart within the lease
            deliver_pending(limit=10_000, now=utc_now() + CLAIM_LEASE + timedelta(1))
            statuses = Counter(
                db.session.scalars(
                    db.select(OutboxMessage.status).where(
                        OutboxMessage.key.startswith(f"killed:{batch}:")
                    )
                )
            )
            ids = {
                message.subject: message.message_id
                for message in db.session.scalars(
                    db.select(OutboxMessage).where(
                        OutboxMessage.key.startswith(f"killed:{batch}:")
                    )
                )
            }
    finally:
        server.stop()

    assert statuses == {OutboxStatus.sent: MESSAGES}
    mine = [m for m in inbox.messages if m["Subject"].startswith(f"Viesti {batch}")]
    arrivals = Counter(m["Subject"] for m in mine)
    assert set(arrivals) == set(ids), "every message arrived"
    repeated = [subject for subject, count in arrivals.items() if count > 1]
    assert len(repeated) <= 1, "at most the one held when the sender died"
    for message in mine:
        assert message["Message-ID"] == ids[message["Subject"]]
