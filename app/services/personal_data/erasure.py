"""Erasure: a person's names and contact details are removed everywhere, while
every record stays, so that contracts, invoices, certificates, statistics and
counts are as they were.

The person's own rows are blanked and marked erased; their details are
replaced by a marker in every free text, the history of their records and the
emails sent to them; their user accounts are closed. The erasure itself is
written to the audit log, without the details. A value that a person who is
kept also has (the same email address as a contact person who stays) is left
where it is.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update

from app.extensions import db
from app.models import AuditAction, AuditEvent, OperatorUser, OutboxMessage
from app.models.history import utc_now
from app.security.audit import audit_event_row
from app.services.personal_data.scrub import scrub_text
from app.services.personal_data.subjects import (
    ACCOUNT_COLUMNS,
    IDENTITY_COLUMNS,
    PERSON_KINDS,
    Subject,
    kind_of,
    marker,
)


class ErasureRefusedError(Exception):
    """The erasure cannot be made; the message says why."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass
class Erasure:
    records: int
    accounts: int
    texts: int


def erase(subject: Subject, viewer_user_id=None, action=AuditAction.erasure):
    """Erase a person. The caller commits; nothing is written if it does not."""
    if viewer_user_id is not None and any(
        account.id == viewer_user_id for account in subject.accounts
    ):
        raise ErasureRefusedError(
            _l(
                "Your own account is among this person's data: ask another "
                "coordinator to erase it."
            )
        )
    records = [record for record in subject.records if record.erased_on is None]
    replacements = _replacements(records, subject.accounts)
    for value in _values_of_others(subject, replacements):
        replacements.pop(value, None)
    _blank_emails(replacements)
    texts = scrub_text(replacements)
    for record in records:
        _blank_record(record, action)
    for account in subject.accounts:
        _close_account(account, action)
    db.session.expire_all()
    return Erasure(len(records), len(subject.accounts), texts)


def _names(first, last) -> list[str]:
    if not (first or "").strip() or not (last or "").strip():
        return []
    return [f"{first} {last}", f"{last} {first}", f"{last}, {first}"]


def _phone_forms(phone) -> list[str]:
    if not (phone or "").strip():
        return []
    return [phone, "".join(ch for ch in phone if ch.isdigit() or ch == "+")]


def _replacements(records, accounts) -> dict[str, str]:
    """Each value to remove, with the marker that replaces it."""
    replacements = {}
    for row in [*records, *accounts]:
        mark = marker(row)
        values = _names(row.first_name, row.last_name) + [row.email or ""]
        values += _phone_forms(getattr(row, "phone", None))
        if isinstance(row, OperatorUser):
            values.append(row.username)
        replacements.update({value: mark for value in values if value})
    return replacements


def _values_of_others(subject: Subject, replacements: dict[str, str]) -> set[str]:
    """The values that people who are kept hold too."""
    wanted = {value.lower() for value in replacements}
    rows = subject.records + subject.accounts
    last_names = {row.last_name.lower() for row in rows if row.last_name}
    own = {(type(row), row.id) for row in rows}
    theirs = set()
    for model in [*PERSON_KINDS.values(), OperatorUser]:
        others = db.session.scalars(
            select(model).where(
                or_(
                    func.lower(model.email).in_(wanted),
                    func.lower(model.last_name).in_(last_names),
                )
            )
        )
        for other in others:
            if (type(other), other.id) in own or getattr(other, "erased_on", None):
                continue
            theirs |= {value.lower() for value in _replacements([other], [])}
    return {value for value in replacements if value.lower() in theirs}


def _blank_emails(replacements: dict[str, str]) -> None:
    """Emails sent to the person: nothing of them is kept but that they were
    sent and when."""
    for value, mark in replacements.items():
        if "@" not in value:
            continue
        db.session.execute(
            update(OutboxMessage)
            .where(func.lower(OutboxMessage.recipient) == value.lower())
            .values(recipient=mark, body=mark)
        )


def _blank_record(record, action: AuditAction) -> None:
    kind = kind_of(record)
    model = type(record)
    mark = marker(record)
    table = model.__table__
    values = {
        name: None if table.c[name].nullable else "" for name in IDENTITY_COLUMNS[kind]
    }
    values["erased_on"] = utc_now()
    if kind == "contact":
        values.update(is_active=False, receives_requests=False)
    db.session.execute(update(model).where(model.id == record.id).values(values))
    _mark_history(model.__name__, record.id, IDENTITY_COLUMNS[kind], mark)
    _write_event(action, model.__name__, record.id, mark, IDENTITY_COLUMNS[kind])


def _close_account(account, action: AuditAction) -> None:
    mark = marker(account)
    db.session.execute(
        update(OperatorUser)
        .where(OperatorUser.id == account.id)
        .values(
            first_name="",
            last_name="",
            email=mark,
            username=mark,
            active=False,
            password=None,
        )
    )
    db.session.execute(
        update(AuditEvent).where(AuditEvent.user_id == account.id).values(username=mark)
    )
    name = type(account).__name__
    _mark_history(name, account.id, ACCOUNT_COLUMNS, mark)
    _write_event(action, name, account.id, mark, ACCOUNT_COLUMNS)


def _mark_history(record_type: str, record_id: int, columns, mark: str) -> None:
    """The record's audit events keep which fields changed and when, not the
    values of the erased ones."""
    events = db.session.execute(
        select(AuditEvent.id, AuditEvent.changes).where(
            AuditEvent.record_type == record_type, AuditEvent.record_id == record_id
        )
    ).all()
    for event_id, changes in events:
        changes = dict(changes or {})
        for name in columns:
            if name in changes:
                changes[name] = [
                    None if value is None else mark for value in changes[name]
                ]
        db.session.execute(
            update(AuditEvent)
            .where(AuditEvent.id == event_id)
            .values(record_label=mark, changes=changes or None)
        )


def _write_event(action, record_type, record_id, mark, columns) -> None:
    row = audit_event_row(action, record_type, record_id, mark)
    row["changes"] = {"erased": sorted(columns)}
    db.session.execute(AuditEvent.__table__.insert(), [row])
