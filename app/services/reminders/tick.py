"""The scheduler's tick: find what is due today (Helsinki time) under every
enabled rule, write it to the outbox, then deliver what waits."""

import logging
from datetime import date

from jinja2.sandbox import SandboxedEnvironment

from app.extensions import db
from app.mail.outbox import deliver_pending, queue_message
from app.models import ReminderRule
from app.services.clock import local_now
from app.services.reminders.finders import FINDERS, DueReminder
from app.services.workflow.announcements import public_link
from app.views.formatting import format_date, format_wall_clock

logger = logging.getLogger(__name__)

# Rule templates are written by users: render them in a sandbox.
_templates = SandboxedEnvironment(autoescape=False)
_templates.filters.update(date=format_date, wall_clock=format_wall_clock)


def run_reminders(today: date | None = None) -> int:
    """Queue every reminder due by ``today``; returns how many were new."""
    today = today or local_now().date()
    queued = 0
    rules = db.session.scalars(
        db.select(ReminderRule).where(ReminderRule.enabled.is_(True))
    ).all()
    for rule in rules:
        for due in FINDERS[rule.kind](rule, today):
            queued += _queue(rule, due)
        db.session.commit()
    logger.info("Reminder tick for %s queued %s messages", today, queued)
    return queued


def _queue(rule: ReminderRule, due: DueReminder) -> int:
    context = {**due.context, "person": due.recipient, "link": _link(due)}
    message = queue_message(
        key=(
            f"reminder:{rule.kind.name}:{due.record}:{due.recipient.email}:"
            f"{due.due_on.isoformat()}"
        ),
        recipient=due.recipient.email,
        language=due.recipient.language,
        subject=_templates.from_string(rule.subject).render(context).strip(),
        body=_templates.from_string(rule.body).render(context),
        request_id=due.request_id,
    )
    return 0 if message is None else 1


def _link(due: DueReminder) -> str:
    return public_link("HomeView.index")


# How many waiting messages one tick sends at most; the rest wait for the next.
SENDS_PER_TICK = 1000


def tick(today: date | None = None) -> tuple[int, int]:
    """One tick: queue what is due, then send what waits."""
    queued = run_reminders(today)
    sent = deliver_pending(limit=SENDS_PER_TICK)
    return queued, sent
