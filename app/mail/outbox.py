"""Queueing messages in the outbox and delivering them after the commit.

``queue_message`` adds a message to the current transaction; it is sent only if
that transaction commits. ``deliver_pending`` sends what waits, over one SMTP
connection for the batch. Each message is
first claimed with one conditional update, so two senders never send the same
message; a claim left by a sender that died is taken back after the lease. A
temporary failure (a 4xx answer, a refused or silent connection) is tried again
after a growing delay; a permanent one (a 5xx answer) marks the message failed.
With the "mailbox" backend nothing leaves the machine: messages are kept for the
sent-mail screen.
"""

import logging
import smtplib
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.mail.html import html_body
from app.mail.smtp import SmtpConnection
from app.models import OutboxMessage, OutboxStatus
from app.models.choices import Language
from app.models.history import utc_now

logger = logging.getLogger(__name__)

FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)
MAX_ATTEMPTS = 10
CLAIM_LEASE = timedelta(minutes=15)
QUEUED_IN_SESSION = "outbox_queued"


class PermanentFailureError(Exception):
    """The server refused the message for good; trying again will not help."""


def queue_message(
    key: str,
    recipient: str,
    language: Language,
    subject: str,
    body: str,
    request_id: int | None = None,
) -> OutboxMessage | None:
    """Add a message to the outbox unless one with the same key exists. The
    insert runs in a savepoint, so a concurrent writer of the same key (a second
    scheduler) makes this one add nothing instead of failing the transaction."""
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
    try:
        with db.session.begin_nested():
            db.session.add(message)
    except IntegrityError:
        return None
    db.session.info.setdefault(QUEUED_IN_SESSION, []).append(message)
    return message


def deliver_queued() -> int:
    """Send the messages this session queued, right after its commit; what
    waited before is left to the scheduler."""
    queued = db.session.info.pop(QUEUED_IN_SESSION, [])
    if current_app.config.get("MAIL_SUPPRESS_SEND"):
        return 0
    now = utc_now()
    with SmtpConnection() as smtp:
        return sum(_deliver(message.id, now, smtp) for message in queued)


def retry_delay(attempts: int) -> timedelta:
    """One minute after the first failure, doubling up to six hours."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def deliver_pending(limit: int = 100, now: datetime | None = None) -> int:
    """Send up to ``limit`` messages that are due; returns how many were sent."""
    if current_app.config.get("MAIL_SUPPRESS_SEND"):
        return 0
    now = now or utc_now()
    _take_back_stale_claims(now)
    due = db.session.scalars(
        db.select(OutboxMessage.id)
        .where(
            OutboxMessage.status == OutboxStatus.pending,
            or_(
                OutboxMessage.next_attempt_on.is_(None),
                OutboxMessage.next_attempt_on <= now,
            ),
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    with SmtpConnection() as smtp:
        return sum(_deliver(message_id, now, smtp) for message_id in due)


def _take_back_stale_claims(now: datetime) -> None:
    db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.status == OutboxStatus.sending,
            OutboxMessage.claimed_on < now - CLAIM_LEASE,
        )
        .values(status=OutboxStatus.pending, claimed_on=None)
    )
    db.session.commit()


def _claim(message_id: int, now: datetime) -> bool:
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.status == OutboxStatus.pending,
        )
        .values(status=OutboxStatus.sending, claimed_on=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return claimed == 1


def _deliver(message_id: int, now: datetime, smtp: SmtpConnection) -> bool:
    if not _claim(message_id, now):
        return False
    message = db.session.get(OutboxMessage, message_id)
    db.session.refresh(message)
    message.attempts += 1
    if current_app.config.get("MAIL_BACKEND") == "mailbox":
        return _keep(message)
    try:
        _send(message, smtp)
    except PermanentFailureError as error:
        _record_failure(message, error, permanent=True, now=now)
        return False
    except (smtplib.SMTPException, OSError) as error:
        _record_failure(message, error, permanent=False, now=now)
        return False
    message.status = OutboxStatus.sent
    message.sent_on = utc_now()
    message.last_error = None
    message.claimed_on = None
    db.session.commit()
    logger.info("Sent outbox message %s", message_id)
    return True


def _keep(message: OutboxMessage) -> bool:
    """No mail server: the message stays in the local mailbox, to be read on
    the sent-mail screen."""
    message.status = OutboxStatus.kept
    message.sent_on = utc_now()
    message.claimed_on = None
    db.session.commit()
    return True


def _send(message: OutboxMessage, smtp: SmtpConnection) -> None:
    """Send, telling a permanent refusal (5xx) from a temporary one."""
    html = html_body(message.subject, message.body, message.language.name)
    try:
        smtp.send(
            message.recipient, message.subject, message.body, html, message.message_id
        )
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _text in error.recipients.values()]
        if all(code >= 500 for code in codes):
            raise PermanentFailureError(f"recipient refused: {codes}") from error
        raise
    except smtplib.SMTPResponseException as error:
        if error.smtp_code >= 500:
            raise PermanentFailureError(
                f"{error.smtp_code} {error.smtp_error!r}"
            ) from error
        raise


def _record_failure(message, error, permanent: bool, now: datetime) -> None:
    message.last_error = f"{type(error).__name__}: {error}"[:500]
    message.claimed_on = None
    if permanent or message.attempts >= MAX_ATTEMPTS:
        message.status = OutboxStatus.failed
        logger.warning("Outbox message %s failed for good: %s", message.id, error)
    else:
        message.status = OutboxStatus.pending
        message.next_attempt_on = now + retry_delay(message.attempts)
        logger.warning(
            "Outbox message %s failed (attempt %s), retry at %s: %s",
            message.id,
            message.attempts,
            message.next_attempt_on,
            error,
        )
    db.session.commit()
