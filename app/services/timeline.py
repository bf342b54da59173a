"""The timeline of a request for quotation or a company: every step, email,
question and answer, with who and when, as far as the user may see them.

It is assembled from what is recorded anyway (the audit log, the outbox, the
questions), each read through the row rules, and told in Helsinki time.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from flask_appbuilder import Model
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_

from app.extensions import db
from app.models import (
    AuditEvent,
    Lead,
    NeedsAssessment,
    Offer,
    OutboxMessage,
    PathNote,
    RequestDistribution,
    RequestQuestion,
    ServiceContract,
)
from app.models.quotations import request_client_company
from app.security.row_rules import read_condition
from app.security.viewer import Viewer
from app.services.clock import operator_timezone

RECORD_NAMES = {
    "Organisation": _l("Organisation"),
    "Lead": _l("Lead"),
    "NeedsAssessment": _l("Needs assessment"),
    "RequestForQuotation": _l("Request for quotation"),
    "RequestDistribution": _l("Distribution"),
    "RequestQuestion": _l("Question"),
    "Offer": _l("Offer"),
    "ConsortiumMember": _l("Consortium member"),
    "ServiceContract": _l("Service contract"),
}


@dataclass
class TimelineEntry:
    occurred_on: datetime
    what: str
    who: str


def request_timeline(request_id: int | str) -> list[TimelineEntry]:
    request_id = int(request_id)
    records = [("RequestForQuotation", [request_id])]
    records += _children_of_requests([request_id])
    entries = _audit_entries(records)
    entries += _email_entries([request_id])
    entries += _question_entries([request_id])
    entries += _note_entries(PathNote.request_id == request_id)
    return sorted(entries, key=lambda entry: entry.occurred_on, reverse=True)


def company_timeline(company_id: int | str) -> list[TimelineEntry]:
    company_id = int(company_id)
    request_ids = list(
        db.session.scalars(
            db.select(request_client_company.c.request_id).where(
                request_client_company.c.company_id == company_id
            )
        )
    )
    records = [
        ("Organisation", [company_id]),
        ("Lead", _ids(Lead, Lead.company_id == company_id)),
        (
            "NeedsAssessment",
            _ids(NeedsAssessment, NeedsAssessment.company_id == company_id),
        ),
        ("RequestForQuotation", request_ids),
    ]
    records += _children_of_requests(request_ids)
    entries = _audit_entries(records)
    entries += _email_entries(request_ids)
    entries += _question_entries(request_ids)
    entries += _note_entries(
        or_(PathNote.company_id == company_id, PathNote.request_id.in_(request_ids))
    )
    return sorted(entries, key=lambda entry: entry.occurred_on, reverse=True)


def _note_entries(condition) -> list[TimelineEntry]:
    notes = db.session.scalars(
        db.select(PathNote).where(condition, read_condition(PathNote, Viewer.current()))
    )
    return [
        TimelineEntry(
            _local(note.created_on),
            gettext("Note: %(text)s", text=note.text),
            str(note.created_by) if note.created_by else gettext("System"),
        )
        for note in notes
    ]


def _ids(model, condition) -> list[int]:
    return list(db.session.scalars(db.select(model.id).where(condition)))


def _children_of_requests(request_ids: list[int]) -> list[tuple[str, list[int]]]:
    in_requests = Offer.request_id.in_(request_ids)
    offer_ids = _ids(Offer, in_requests)
    return [
        ("Offer", offer_ids),
        (
            "RequestDistribution",
            _ids(RequestDistribution, RequestDistribution.request_id.in_(request_ids)),
        ),
        (
            "RequestQuestion",
            _ids(RequestQuestion, RequestQuestion.request_id.in_(request_ids)),
        ),
        (
            "ServiceContract",
            _ids(ServiceContract, ServiceContract.offer_id.in_(offer_ids)),
        ),
    ]


def _audit_entries(records: list[tuple[str, list[int]]]) -> list[TimelineEntry]:
    wanted = [
        and_(AuditEvent.record_type == name, AuditEvent.record_id.in_(ids))
        for name, ids in records
        if ids
    ]
    if not wanted:
        return []
    events = db.session.scalars(
        db.select(AuditEvent).where(
            or_(*wanted), read_condition(AuditEvent, Viewer.current())
        )
    )
    return [
        TimelineEntry(
            _local(event.occurred_on),
            _describe(event),
            event.username or gettext("System"),
        )
        for event in events
    ]


def _describe(event: AuditEvent) -> str:
    record = RECORD_NAMES.get(event.record_type, event.record_type)
    text = f"{event.action}: {record} {event.record_label or ''}".strip()
    status = (event.changes or {}).get("status")
    if status and event.action.name == "state_change":
        old, new = (_status_label(event.record_type, code) for code in status)
        text += f" ({old} → {new})"
    return text


def _status_label(record_type: str, code: str | None) -> str:
    """A stored status code as the reader's label."""
    models = (mapper.class_ for mapper in Model.registry.mappers)
    model = next((m for m in models if m.__name__ == record_type), None)
    column = model.__table__.c.get("status") if model is not None else None
    enum_class = getattr(getattr(column, "type", None), "enum_class", None)
    if enum_class is None or code not in enum_class.__members__:
        return code or "–"
    return str(enum_class[code])


def _email_entries(request_ids: list[int]) -> list[TimelineEntry]:
    messages = db.session.scalars(
        db.select(OutboxMessage).where(
            OutboxMessage.request_id.in_(request_ids),
            read_condition(OutboxMessage, Viewer.current()),
        )
    )
    return [
        TimelineEntry(
            _local(message.created_on),
            gettext(
                "Email to %(recipient)s: %(subject)s (%(status)s)",
                recipient=message.recipient,
                subject=message.subject,
                status=str(message.status),
            ),
            gettext("System"),
        )
        for message in messages
    ]


def _question_entries(request_ids: list[int]) -> list[TimelineEntry]:
    questions = db.session.scalars(
        db.select(RequestQuestion).where(
            RequestQuestion.request_id.in_(request_ids),
            read_condition(RequestQuestion, Viewer.current()),
        )
    )
    entries = []
    for question in questions:
        entries.append(
            TimelineEntry(
                question.asked_on,
                gettext("Question: %(text)s", text=question.question),
                gettext("A provider"),
            )
        )
        if question.published_on:
            entries.append(
                TimelineEntry(
                    question.published_on,
                    gettext("Answer published: %(text)s", text=question.answer),
                    gettext("Coordinator"),
                )
            )
    return entries


def _local(utc: datetime) -> datetime:
    """A UTC stamp as Helsinki wall-clock time, like the other times here."""
    aware = utc.replace(tzinfo=UTC).astimezone(operator_timezone())
    return aware.replace(tzinfo=None)
