"""The reminder rules screen: the coordinator turns rules on and off, sets
their timing and writes their words."""

from flask_babel import lazy_gettext as _l

from app.models import ReminderRule
from app.views.base import OperatorModelView, interface


class ReminderRuleView(OperatorModelView):
    datamodel = interface(ReminderRule)
    base_permissions = ["can_list", "can_show", "can_edit"]
    list_title = _l("Reminder rules")
    show_title = _l("Reminder rule")
    edit_title = _l("Edit reminder rule")
    list_columns = ["kind", "enabled", "offset_days"]
    show_columns = ["kind", "enabled", "offset_days", "subject", "body"]
    edit_columns = ["enabled", "offset_days", "subject", "body"]
    search_columns = ["enabled"]
    label_columns = {
        **OperatorModelView.label_columns,
        "enabled": _l("In use"),
        "offset_days": _l("Days before"),
        "subject": _l("Subject"),
        "body": _l("Message"),
    }
    description_columns = {
        "offset_days": _l(
            "How many days before the date the reminder is sent; a negative number "
            "sends it after."
        ),
        "body": _l(
            "Text of the email. {{ person.first_name }} and {{ link }} work in "
            "every rule; the record is {{ request }}, {{ lead }} or {{ agreement }}."
        ),
    }
