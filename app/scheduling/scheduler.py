"""The scheduler process: a periodic tick that queues due reminders and sends
what waits in the outbox.

Run it as its own process (`flask scheduler run`), never inside web workers:
APScheduler there would tick once per worker. Should two run by mistake, the
outbox keys and the senders' claims still send each message once. The tick
looks back over every day not yet reminded of, so a tick missed while the
process was down is made up by the next one.
"""

import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask

from app.services.reminders.tick import tick

logger = logging.getLogger(__name__)

TICK_JOB_ID = "reminder-tick"


def run_scheduler(app: Flask) -> None:
    """Tick every ``SCHEDULER_TICK_SECONDS`` until the process is stopped."""
    seconds = app.config.get("SCHEDULER_TICK_SECONDS", 300)
    scheduler = BlockingScheduler(timezone=app.config["OPERATOR_TIMEZONE"])
    scheduler.add_job(
        _tick_in_app,
        IntervalTrigger(seconds=seconds),
        args=[app],
        id=TICK_JOB_ID,
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=None,
    )
    logger.info("Scheduler ticking every %s seconds", seconds)
    _tick_in_app(app)
    scheduler.start()


def _tick_in_app(app: Flask) -> None:
    with app.app_context():
        try:
            queued, sent = tick()
            logger.info("Tick: %s reminders queued, %s messages sent", queued, sent)
        except Exception:  # one bad tick must not stop the scheduler
            logger.exception("The scheduler tick failed")
