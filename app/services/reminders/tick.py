"""The scheduler's tick: anonymise participants past the retention time, close
the requests whose offer deadline passed, find what is due today (Helsinki
time) under every enabled rule, write it to the outbox, then deliver what
waits."""

import logging
from dataclasses import replace
from datetime import date
from functools import lru_cache

from jinja2.sandbox import SandboxedEnvironment

from app.extensions import db
from app.mail.outbox import deliver_pending, queue_message
from app.models import ReminderRule
from app.services.clock import local_now
from app.services.personal_data.retention import anonymise_past_retention
from app.services.reminders.due import DueReminder, coordinator_contacts
from app.services.reminders.finders import FINDERS
from app.services.workflow.requests import close_passed_deadlines
from app.views.formatting import euros, format_date, format_wall_clock

logger = logging.getLogger(__name__)

# Rule templates are written by users: render them in a sandbox.
_templates = SandboxedEnvironment(autoescape=False)
_templates.filters.update(date=format_date, wall_clock=format_wall_clock, money=euros)


def run_reminders(today: date | None = None) -> int:
    """Queue every reminder due by ``today``; returns how many were new."""
    today = today or local_now().date()
    close_passed_deadlines()
    queued = 0
    rules = db.session.scalars(
        db.select(ReminderRule).where(ReminderRule.enabled.is_(True))
    ).all()
    coordinators = coordinator_contacts()
    for rule in rules:
        copied = set()
        for due in FINDERS[rule.kind](rule, today):
            queued += _queue(rule, due)
            if rule.copy_to_coordinator and (due.record, due.due_on) not in copied:
                copied.add((due.record, due.due_on))
                for coordinator in coordinators:
                    queued += _queue(rule, replace(due, recipient=coordinator))
        db.session.commit()
    logger.info("Reminder tick for %s queued %s messages", today, queued)
    return queued


def render(rule: ReminderRule, due: DueReminder) -> tuple[str, str]:
    """The subject and body of one reminder, in its recipient's language."""
    subject, body = rule.texts(due.recipient.language)
    context = {**due.context, "person": due.recipient, "link": due.link}
    return (
        _compiled(subject).render(context).strip(),
        _compiled(body).render(context),
    )


@lru_cache(maxsize=256)
def _compiled(text: str):
    """A rule's text compiled once, not once for each of its thousands of
    reminders; an edited text is another key."""
    return _templates.from_string(text)


def _queue(rule: ReminderRule, due: DueReminder) -> int:
    subject, body = render(rule, due)
    message = queue_message(
        key=(
            f"reminder:{rule.kind.name}:{due.record}:{due.recipient.email}:"
            f"{due.due_on.isoformat()}"
        ),
        recipient=due.recipient.email,
        language=due.recipient.language,
        subject=subject,
        body=body,
        request_id=due.request_id,
    )
    return 0 if message is None else 1


# How many waiting messages one tick sends at most; the rest wait for the next.
SENDS_PER_TICK = 1000


def tick(today: date | None = None) -> tuple[int, int]:
    """One tick: anonymise what is past retention, queue what is due, then
    send what waits."""
    today = today or local_now().date()
    anonymise_past_retention(today)
    queued = run_reminders(today)
    # The records the finders loaded are not needed for sending; left in the
    # session, every commit of every send would expire them all again.
    db.session.expunge_all()
    sent = deliver_pending(limit=SENDS_PER_TICK)
    return queued, sent
