"""The scheduler as its own process: two of them started by mistake, over the
same database, still queue each reminder once."""

import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from app.extensions import db
from app.models import OutboxMessage
from tests.test_reminders import lead_due

ROOT = Path(__file__).resolve().parent.parent


def test_two_scheduler_processes_queue_a_due_reminder_once(app, database_url):
    lead_id = lead_due(app, datetime.now().date())
    key_part = f"lead_follow_up:lead-{lead_id}:"
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SCHEDULER_TICK_SECONDS": "1",
        "MAIL_SUPPRESS_SEND": "1",
    }
    schedulers = [
        subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "run", "scheduler", "run"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    try:
        deadline = time.monotonic() + 60
        found = []
        while time.monotonic() < deadline and not found:
            time.sleep(0.5)
            found = _messages(app, key_part)
        time.sleep(3)  # a few more ticks of both processes
        assert all(process.poll() is None for process in schedulers), "still running"
    finally:
        for process in schedulers:
            process.terminate()
            process.wait(timeout=20)

    assert len(_messages(app, key_part)) == 1


def _messages(app, key_part: str) -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                db.select(OutboxMessage.id).where(OutboxMessage.key.contains(key_part))
            )
        )
