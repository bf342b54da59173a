"""Retention: participants' personal data is anonymised a set time after their
training was closed (``PARTICIPANT_RETENTION_DAYS``, in Helsinki dates), by the
scheduler's tick. Participants stay as rows, so completions, certificates and
counts remain; feedback answers never named anyone."""

import logging
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import AuditAction, Participant, ServiceContract
from app.services.personal_data.erasure import erase
from app.services.personal_data.subjects import Subject

logger = logging.getLogger(__name__)

# Participants anonymised in one tick at most; a backlog takes a few ticks.
RETENTION_BATCH = 200


def retention_days() -> int:
    return int(current_app.config["PARTICIPANT_RETENTION_DAYS"])


def participants_past_retention(today: date) -> list[Participant]:
    """Participants not yet anonymised whose service closed at least the
    retention time before ``today``, at most a batch of them."""
    last_closing_day = today - timedelta(days=retention_days())
    return list(
        db.session.scalars(
            select(Participant)
            .join(ServiceContract, Participant.contract_id == ServiceContract.id)
            .where(
                ServiceContract.closed_on.is_not(None),
                ServiceContract.closed_on <= last_closing_day,
                Participant.erased_on.is_(None),
            )
            .order_by(Participant.id)
            .limit(RETENTION_BATCH)
        )
    )


def anonymise_past_retention(today: date) -> int:
    """Anonymise every participant past the retention time, in one
    transaction; how many were anonymised."""
    due = participants_past_retention(today)
    if due:
        erase(Subject(records=due), action=AuditAction.retention)
        db.session.commit()
        logger.info("Retention anonymised %s participants", len(due))
    return len(due)
