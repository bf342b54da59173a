"""The scheduler's tick over thousands of due reminders, and mail delivery to a
local SMTP server against plain smtplib over one connection.

The tick runs in a process of its own, as the scheduler does in production,
so that its peak memory is its own: ``python -m bench.scheduler URL DUE PORT``
prints its figures as JSON. The SMTP server (aiosmtpd) runs in the calling
process.
"""

import json
import smtplib
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage

import sqlalchemy as sa
from aiosmtpd.controller import Controller

from bench.measure import peak_mb
from config import BASE_DIR


@dataclass
class TickResult:
    due: int
    queued: int
    queue_seconds: float
    tick_seconds: float
    sent: int
    send_seconds: float
    plain_sent: int
    plain_seconds: float
    peak_mb: float

    @property
    def sent_per_second(self) -> float:
        return self.sent / self.send_seconds if self.send_seconds else 0.0

    @property
    def plain_per_second(self) -> float:
        return self.plain_sent / self.plain_seconds if self.plain_seconds else 0.0


class CountingInbox:
    """An aiosmtpd handler that counts what it accepts and keeps nothing."""

    def __init__(self) -> None:
        self.received = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd)
        self.received += 1
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server():
    """A local SMTP server on a free loopback port; yields (port, inbox)."""
    inbox = CountingInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()


def measure_tick(database_url: str, due: int) -> TickResult:
    """Run the tick in a child process against a local SMTP server."""
    with smtp_server() as (port, _inbox):
        finished = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.scheduler",
                database_url,
                str(due),
                str(port),
            ],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
    if finished.returncode != 0:
        raise RuntimeError("The tick failed:\n" + finished.stderr[-3000:])
    return TickResult(**json.loads(finished.stdout.strip().splitlines()[-1]))


def _make_leads_due(due: int, today) -> int:
    """Put the follow-up of ``due`` open leads on today, and empty the outbox
    of earlier runs' reminders, so that the tick has exactly these to find."""
    from app.extensions import db
    from app.models import Lead, LeadStatus, OutboxMessage

    db.session.execute(sa.delete(OutboxMessage))
    chosen = (
        sa.select(Lead.id)
        .where(
            Lead.status.in_([LeadStatus.new, LeadStatus.contacted]),
            Lead.owner_id.is_not(None),
        )
        .order_by(Lead.id)
        .limit(due)
        .scalar_subquery()
    )
    changed = db.session.execute(
        sa.update(Lead).where(Lead.id.in_(chosen)).values(next_follow_up_on=today)
    ).rowcount
    db.session.commit()
    return changed


def _plain_smtplib(port: int, count: int) -> tuple[int, float]:
    """The same number of messages, read from the outbox, sent over one SMTP
    connection with nothing else around: the floor of delivery."""
    from app.extensions import db
    from app.models import OutboxMessage

    rows = db.session.execute(
        sa.select(OutboxMessage.recipient, OutboxMessage.subject, OutboxMessage.body)
        .order_by(OutboxMessage.id.desc())
        .limit(count)
    ).all()
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as connection:
        for recipient, subject, body in rows:
            message = EmailMessage()
            message["From"] = "koulutusoperaattori@localhost"
            message["To"] = recipient
            message["Subject"] = subject
            message.set_content(body)
            connection.send_message(message)
    return len(rows), time.perf_counter() - started


def _run_child(database_url: str, due: int, port: int) -> dict:
    from app import create_app
    from app.services.clock import local_now
    from app.services.reminders import tick as tick_module
    from bench.application import BenchConfig

    app = create_app(
        BenchConfig,
        SQLALCHEMY_DATABASE_URI=database_url,
        MAIL_BACKEND="smtp",
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=port,
        MAIL_SUPPRESS_SEND=False,
    )
    phases = {}
    for name in ("run_reminders", "deliver_pending"):
        setattr(tick_module, name, _timed(getattr(tick_module, name), phases, name))

    with app.app_context():
        today = local_now().date()
        made_due = _make_leads_due(due, today)
        started = time.perf_counter()
        queued, sent = tick_module.tick(today)
        tick_seconds = time.perf_counter() - started
        plain_sent, plain_seconds = _plain_smtplib(port, sent)
    return {
        "due": made_due,
        "queued": queued,
        "queue_seconds": phases["run_reminders"],
        "tick_seconds": tick_seconds,
        "sent": sent,
        "send_seconds": phases["deliver_pending"],
        "plain_sent": plain_sent,
        "plain_seconds": plain_seconds,
        "peak_mb": peak_mb(),
    }


def _timed(function, phases: dict, name: str):
    """``function``, noting in ``phases`` how long its call took."""

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            phases[name] = time.perf_counter() - started

    return timed


if __name__ == "__main__":
    url, due_count, smtp_port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(_run_child(url, due_count, smtp_port)))
