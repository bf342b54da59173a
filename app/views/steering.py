"""Screens of the steering group: meetings, agenda items, decisions, targets of
the result metrics, and market and foresight notes."""

from flask import abort
from flask_appbuilder import expose, has_access
from flask_babel import lazy_gettext as _l

from app.models import (
    AgendaItem,
    Decision,
    ForesightNote,
    MetricTarget,
    StandingTheme,
    SteeringMeeting,
)
from app.services import meeting_report
from app.views.base import OperatorModelView, interface
from app.views.downloads import file_response
from app.views.validators import NonNegative, NotBefore, Positive


class AgendaItemView(OperatorModelView):
    datamodel = interface(AgendaItem)
    list_title = _l("Agenda items")
    show_title = _l("Agenda item")
    add_title = _l("Add an agenda item")
    edit_title = _l("Edit agenda item")
    list_columns = ["meeting", "position", "title", "theme"]
    search_columns = ["title", "theme", "notes"]
    add_columns = edit_columns = ["meeting", "position", "title", "theme", "notes"]
    validators_columns = {"position": [Positive()]}
    base_order = ("position", "asc")


class DecisionView(OperatorModelView):
    datamodel = interface(Decision)
    list_title = _l("Decisions")
    show_title = _l("Decision")
    add_title = _l("Add a decision")
    edit_title = _l("Edit decision")
    list_columns = ["meeting", "text", "owner", "due_on", "status"]
    search_columns = ["text", "owner", "due_on", "status"]
    add_columns = edit_columns = [
        "meeting",
        "agenda_item",
        "text",
        "owner",
        "due_on",
        "status",
    ]
    base_order = ("due_on", "asc")


class SteeringMeetingView(OperatorModelView):
    datamodel = interface(SteeringMeeting)
    list_title = _l("Steering group meetings")
    show_title = _l("Steering group meeting")
    add_title = _l("Add a meeting")
    edit_title = _l("Edit meeting")
    list_columns = ["starts_at", "title", "place"]
    search_columns = ["title", "starts_at", "place", "minutes"]
    add_columns = edit_columns = ["title", "starts_at", "place", "attendees", "minutes"]
    related_views = [AgendaItemView, DecisionView]
    base_order = ("starts_at", "desc")
    show_template = "operator/meeting_show.html"

    @expose("/report/<int:pk>")
    @has_access
    def report(self, pk: int):
        meeting = self.datamodel.get(pk)
        if meeting is None:
            abort(404)
        return file_response(
            meeting_report.render(meeting),
            "application/pdf",
            f"ohjausryhma-{meeting.starts_at:%Y-%m-%d}.pdf",
        )


class MetricTargetView(OperatorModelView):
    datamodel = interface(MetricTarget)
    list_title = _l("Metric targets")
    show_title = _l("Metric target")
    add_title = _l("Add a metric target")
    edit_title = _l("Edit metric target")
    list_columns = ["metric", "period_start", "period_end", "target_value"]
    search_columns = ["metric", "period_start", "period_end"]
    add_columns = edit_columns = [
        "metric",
        "period_start",
        "period_end",
        "target_value",
        "notes",
    ]
    validators_columns = {
        "target_value": [NonNegative()],
        "period_end": [NotBefore("period_start")],
    }
    base_order = ("period_start", "desc")


class ForesightNoteView(OperatorModelView):
    datamodel = interface(ForesightNote)
    list_title = _l("Foresight notes")
    show_title = _l("Foresight note")
    add_title = _l("Add a foresight note")
    edit_title = _l("Edit foresight note")
    list_columns = ["noted_on", "title", "theme", "industry"]
    search_columns = ["title", "body", "industry", "noted_on", "source"]
    add_columns = edit_columns = [
        "title",
        "body",
        "noted_on",
        "source",
        "industry",
        "theme",
        "service_entity",
    ]
    base_order = ("noted_on", "desc")


class StandingThemeView(OperatorModelView):
    datamodel = interface(StandingTheme)
    base_permissions = ["can_list", "can_show", "can_edit"]
    list_title = _l("Standing themes")
    show_title = _l("Standing theme")
    edit_title = _l("Edit standing theme")
    list_columns = ["theme", "status", "owner", "changed_on"]
    show_columns = ["theme", "status", "summary", "next_step", "owner"]
    edit_columns = ["status", "summary", "next_step", "owner"]
    search_columns = ["theme", "status", "owner"]
    label_columns = {
        **OperatorModelView.label_columns,
        "theme": _l("Theme"),
        "summary": _l("Where it stands"),
        "next_step": _l("Next step"),
        "owner": _l("Owner"),
    }
    base_order = ("theme", "asc")
