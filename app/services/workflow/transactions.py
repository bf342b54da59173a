"""Ending a workflow step: commit the change with its queued emails, then send
them. Sending happens after the commit, so a failing mail server never undoes
or blocks the step."""

from app.extensions import db
from app.mail.outbox import deliver_queued


def commit_and_send() -> None:
    db.session.commit()
    deliver_queued()
