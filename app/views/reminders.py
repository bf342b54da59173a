"""The reminder rules screen: the coordinator turns rules on and off, sets
their timing, decides whether the coordinator gets a copy, and writes their
words in Finnish, Swedish and English."""

from flask_babel import lazy_gettext as _l

from app.models import ReminderRule
from app.views.base import OperatorModelView, interface

TEXT_COLUMNS = [
    "subject_fi",
    "body_fi",
    "subject_sv",
    "body_sv",
    "subject_en",
    "body_en",
]


class ReminderRuleView(OperatorModelView):
    datamodel = interface(ReminderRule)
    base_permissions = ["can_list", "can_show", "can_edit"]
    list_title = _l("Reminder rules")
    show_title = _l("Reminder rule")
    edit_title = _l("Edit reminder rule")
    list_columns = ["kind", "enabled", "offset_days", "copy_to_coordinator"]
    show_columns = ["kind", "enabled", "offset_days", "copy_to_coordinator"]
    show_columns += TEXT_COLUMNS
    edit_columns = ["enabled", "offset_days", "copy_to_coordinator", *TEXT_COLUMNS]
    search_columns = ["enabled", "copy_to_coordinator"]
    label_columns = {
        **OperatorModelView.label_columns,
        "kind": _l("Reminder and its recipients"),
        "enabled": _l("In use"),
        "offset_days": _l("Days before"),
        "copy_to_coordinator": _l("Copy to the coordinator"),
        "subject_fi": _l("Subject in Finnish"),
        "body_fi": _l("Message in Finnish"),
        "subject_sv": _l("Subject in Swedish"),
        "body_sv": _l("Message in Swedish"),
        "subject_en": _l("Subject in English"),
        "body_en": _l("Message in English"),
    }
    description_columns = {
        "offset_days": _l(
            "How many days before the date the reminder is sent; a negative number "
            "sends it after."
        ),
        "copy_to_coordinator": _l(
            "The coordinator's contact people get each reminder of this rule too."
        ),
        "body_fi": _l(
            "Each recipient gets the message in their own language; an empty "
            "Swedish or English text falls back to Finnish. {{ person.first_name }} "
            "and {{ link }} (to the record) work in every rule; the fields of the "
            "record are listed in the README."
        ),
    }
