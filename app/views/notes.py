"""The coordinator's notes on companies and requests."""

from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_babel import lazy_gettext as _l

from app.models import OrganisationKind, PathNote
from app.views.base import OperatorModelView, interface


class PathNoteView(OperatorModelView):
    datamodel = interface(PathNote)
    list_title = _l("Coordinator's notes")
    show_title = _l("Coordinator's note")
    add_title = _l("Add a note")
    edit_title = _l("Edit note")
    list_columns = ["created_on", "company", "request", "text", "created_by"]
    search_columns = ["text"]
    add_columns = edit_columns = ["company", "request", "text"]
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "company": [["kind", FilterEqual, OrganisationKind.client]]
    }
    label_columns = {
        **OperatorModelView.label_columns,
        "text": _l("Coordinator's note"),
    }
    base_order = ("created_on", "desc")
