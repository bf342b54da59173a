"""The audit log: every create, change and delete of a record, with the fields
that changed, and every sign-in, failed sign-in and sign-out.

Record events are written in the same transaction as the change itself, so a
change that is rolled back leaves no event and a change never lands without
one. Audit events are never changed or deleted through the application.
"""

import enum
import logging
from datetime import date, datetime
from decimal import Decimal

from flask import Flask, g, has_request_context, request
from flask_appbuilder.security.sqla.models import User
from flask_login import user_logged_out
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import AuditAction, AuditEvent
from app.models.history import RecordHistory, utc_now

logger = logging.getLogger(__name__)

HIDDEN = "(hidden)"
SECRET_FIELDS = {"password", "token", "calendar_token"}
# Bookkeeping that changes on every write or sign-in; not worth an event line.
UNAUDITED_FIELDS = {"changed_on", "changed_by_fk", "last_login", "login_count"}
UNAUDITED_FIELDS |= {"fail_login_count"}


class AuditLogAppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit event."""


def init_audit(app: Flask) -> None:
    """Start listening to the session and to sign-outs (once per process)."""
    if not event.contains(Session, "after_flush", _record_changes):
        event.listen(Session, "before_flush", _refuse_audit_changes)
        event.listen(Session, "after_flush", _record_changes)
        user_logged_out.connect(_record_sign_out)


def _audited(instance) -> bool:
    return isinstance(instance, RecordHistory | User)


def _refuse_audit_changes(session, flush_context, instances) -> None:
    for instance in list(session.dirty) + list(session.deleted):
        if isinstance(instance, AuditEvent):
            raise AuditLogAppendOnlyError(
                f"Audit event {instance.id} cannot be changed or deleted."
            )


def _record_changes(session, flush_context) -> None:
    rows = []
    for instance in session.new:
        if _audited(instance):
            rows.append(_event(AuditAction.create, instance, _values(instance)))
    for instance in session.dirty:
        if _audited(instance) and session.is_modified(instance):
            changes = _changes(instance)
            if changes:
                action = (
                    AuditAction.state_change
                    if "status" in changes
                    else AuditAction.update
                )
                rows.append(_event(action, instance, changes))
    for instance in session.deleted:
        if _audited(instance):
            rows.append(_event(AuditAction.delete, instance, _values(instance)))
    if rows:
        session.connection().execute(AuditEvent.__table__.insert(), rows)


def _values(instance) -> dict:
    state = inspect(instance)
    return {
        attribute.key: [None, _plain(attribute.key, attribute.value)]
        for attribute in state.attrs
        if attribute.key in state.mapper.columns
        and attribute.key not in UNAUDITED_FIELDS
        and attribute.value is not None
    }


def _changes(instance) -> dict:
    changes = {}
    state = inspect(instance)
    for attribute in state.attrs:
        if attribute.key not in state.mapper.columns:
            continue
        if attribute.key in UNAUDITED_FIELDS:
            continue
        history = attribute.history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            changes[attribute.key] = [
                _plain(attribute.key, old),
                _plain(attribute.key, new),
            ]
    return changes


def _plain(key: str, value):
    """A value as JSON can hold it; secrets are only marked as changed."""
    return HIDDEN if key in SECRET_FIELDS else plain_value(value)


def plain_value(value):
    """A value as JSON can hold it: choices by code, times as ISO text."""
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _event(action: AuditAction, instance, changes: dict | None) -> dict:
    row = audit_event_row(
        action, type(instance).__name__, getattr(instance, "id", None), _label(instance)
    )
    row["changes"] = changes or None
    return row


def audit_event_row(action: AuditAction, record_type: str, record_id, label) -> dict:
    """An audit event about a record, by the user of the current request, as
    a row to insert."""
    user = _current_user()
    return {
        "occurred_on": utc_now(),
        "action": action.name,
        "user_id": getattr(user, "id", None),
        "username": getattr(user, "username", None),
        "record_type": record_type,
        "record_id": record_id,
        "record_label": label,
        "changes": None,
        "remote_address": _remote_address(),
    }


def _label(instance) -> str:
    try:
        return str(instance)[:300]
    except Exception:  # a half-built record may not print; the id is enough
        return f"{type(instance).__name__} {getattr(instance, 'id', '')}"


def _current_user():
    if not has_request_context():
        return None
    user = getattr(g, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def _remote_address() -> str | None:
    return request.remote_addr if has_request_context() else None


def _write_sign_in_event(action: AuditAction, user_id, username) -> None:
    db.session.execute(
        AuditEvent.__table__.insert(),
        {
            "occurred_on": utc_now(),
            "action": action.name,
            "user_id": user_id,
            "username": (username or "")[:256],
            "remote_address": _remote_address(),
        },
    )
    db.session.commit()


def record_sign_in(user) -> None:
    _write_sign_in_event(AuditAction.login, user.id, user.username)


def record_sign_in_failure(username: str | None) -> None:
    logger.info("A sign-in failed")
    _write_sign_in_event(AuditAction.login_failed, None, username)


def _record_sign_out(sender, user, **extra) -> None:
    if user is not None and getattr(user, "is_authenticated", False):
        _write_sign_in_event(AuditAction.logout, user.id, user.username)
