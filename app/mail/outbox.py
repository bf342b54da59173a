"""Queueing messages in the outbox and delivering them after the commit.

``queue_message`` adds a message to the current transaction; it is sent only if
that transaction commits. ``deliver_pending`` sends what waits, one message per
transaction, and records the outcome; a failure is kept for a later try and
never undoes the change that queued the message.
"""

import logging

from flask import current_app

from app.extensions import db
from app.mail.smtp import send_email
from app.models import OutboxMessage, OutboxStatus
from app.models.choices import Language
from app.models.history import utc_now

logger = logging.getLogger(__name__)


def queue_message(
    key: str,
    recipient: str,
    language: Language,
    subject: str,
    body: str,
    request_id: int | None = None,
) -> OutboxMessage | None:
    """Add a message to the outbox unless one with the same key exists."""
    existing = db.session.scalar(
        db.select(OutboxMessage.id).where(OutboxMessage.key == key)
    )
    if existing is not None:
        return None
    message = OutboxMessage(
        key=key,
        recipient=recipient,
        language=language,
        subject=subject,
        body=body,
        request_id=request_id,
    )
    db.session.add(message)
    return message


def deliver_pending(limit: int = 100) -> int:
    """Send up to ``limit`` waiting messages; returns how many were sent."""
    if current_app.config.get("MAIL_SUPPRESS_SEND"):
        return 0
    pending = db.session.scalars(
        db.select(OutboxMessage.id)
        .where(OutboxMessage.status == OutboxStatus.pending)
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    return sum(_deliver(message_id) for message_id in pending)


def _deliver(message_id: int) -> bool:
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.status is not OutboxStatus.pending:
        return False
    message.attempts += 1
    try:
        send_email(message.recipient, message.subject, message.body, message.message_id)
    except Exception as error:  # any SMTP or network failure is kept for later
        message.last_error = f"{type(error).__name__}: {error}"[:500]
        db.session.commit()
        logger.warning("Sending outbox message %s failed: %s", message_id, error)
        return False
    message.status = OutboxStatus.sent
    message.sent_on = utc_now()
    message.last_error = None
    db.session.commit()
    logger.info("Sent outbox message %s", message_id)
    return True
