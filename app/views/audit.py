"""The audit log screen: read only, for the coordinator and the administrator."""

from flask_babel import lazy_gettext as _l

from app.models import AuditEvent
from app.views.base import OperatorModelView
from app.views.capped_count import CappedCountInterface
from app.views.formatting import format_utc


def _changes(changes: dict | None) -> str:
    if not changes:
        return "–"
    return "; ".join(f"{field}: {old} → {new}" for field, (old, new) in changes.items())


class AuditEventView(OperatorModelView):
    # A million events are counted only up to ten thousand.
    datamodel = CappedCountInterface(AuditEvent)
    base_permissions = ["can_list", "can_show"]
    list_title = _l("Audit log")
    show_title = _l("Audit event")
    list_columns = [
        "occurred_on",
        "action",
        "username",
        "record_type",
        "record_id",
        "record_label",
    ]
    show_columns = list_columns + ["changes", "remote_address"]
    search_columns = ["occurred_on", "action", "username", "record_type", "record_id"]
    label_columns = {
        **OperatorModelView.label_columns,
        "occurred_on": _l("Time"),
        "action": _l("Event"),
        "username": _l("User"),
        "record_type": _l("Record type"),
        "record_id": _l("Record number"),
        "record_label": _l("Record"),
        "changes": _l("Changes (old → new)"),
        "remote_address": _l("Address"),
    }
    formatters_columns = {"occurred_on": format_utc, "changes": _changes}
    base_order = ("occurred_on", "desc")
