"""The sent-mail screen: what the platform sent or tries to send, to whom, when
and why; failures stay visible here for the coordinator."""

from flask_babel import lazy_gettext as _l

from app.models import OutboxMessage
from app.views.base import OperatorModelView, interface
from app.views.formatting import format_utc


class OutboxMessageView(OperatorModelView):
    datamodel = interface(OutboxMessage)
    base_permissions = ["can_list", "can_show"]
    list_title = _l("Sent mail")
    show_title = _l("Email")
    list_columns = [
        "created_on",
        "recipient",
        "subject",
        "status",
        "attempts",
        "sent_on",
    ]
    show_columns = [
        "created_on",
        "recipient",
        "language",
        "subject",
        "body",
        "status",
        "attempts",
        "next_attempt_on",
        "last_error",
        "sent_on",
        "request",
        "key",
    ]
    search_columns = ["recipient", "subject", "status", "created_on", "sent_on"]
    label_columns = {
        **OperatorModelView.label_columns,
        "recipient": _l("Recipient"),
        "subject": _l("Subject"),
        "body": _l("Message"),
        "attempts": _l("Attempts"),
        "next_attempt_on": _l("Next attempt"),
        "last_error": _l("Last error"),
        "sent_on": _l("Sent on"),
        "key": _l("Why (key)"),
    }
    formatters_columns = {
        "created_on": format_utc,
        "sent_on": format_utc,
        "next_attempt_on": format_utc,
    }
    base_order = ("created_on", "desc")
