"""The base of the back office's model views."""

from flask import abort, has_request_context
from flask_appbuilder import ModelView

from app.security.actions import ActionGuard
from app.security.interface import ScopedInterface
from app.views import fields  # noqa: F401  (corrects FAB's enum field)
from app.views.formatting import formatter_for
from app.views.labels import COLUMN_LABELS
from app.views.list_loading import loader_options
from app.views.responses import InvalidFormStatus

# Columns that every record has; shown on show pages, never edited by hand.
HISTORY_COLUMNS = ["created_on", "created_by", "changed_on", "changed_by"]


class OperatorModelView(ActionGuard, InvalidFormStatus, ModelView):
    """A model view with the domain's shared labels and sensible defaults:
    history columns shown but not editable, small pages, row rules on every
    query, and only the related tabs the user may open."""

    page_size = 25
    label_columns = COLUMN_LABELS
    show_exclude_columns: list[str] = []
    add_exclude_columns = HISTORY_COLUMNS
    edit_exclude_columns = HISTORY_COLUMNS
    search_exclude_columns = HISTORY_COLUMNS

    def __init__(self, **kwargs) -> None:
        if self.show_columns is None and not self.show_fieldsets:
            self.show_columns = self._own_columns() + HISTORY_COLUMNS
        self.formatters_columns = {
            **self._typed_formatters(),
            **(self.formatters_columns or {}),
        }
        super().__init__(**kwargs)
        self.datamodel.list_options = tuple(
            loader_options(self.datamodel.obj, self.list_columns)
        )

    def _own_columns(self) -> list[str]:
        return [
            name
            for name in self.datamodel.get_user_columns_list()
            if name not in HISTORY_COLUMNS
            and not name.endswith("_fk")
            and not self.datamodel.is_relation_one_to_many(name)
            and name not in self.show_exclude_columns
        ]

    def _typed_formatters(self) -> dict:
        """Dates, times, amounts and flags written the way users read them."""
        model = self.datamodel.obj
        columns = set(self.list_columns or []) | set(self.show_columns or [])
        formatters = {name: formatter_for(model, name) for name in columns}
        return {name: f for name, f in formatters.items() if f is not None}

    # --- Writes: only the user's own rows ------------------------------------

    def _require_writable(self, pk) -> None:
        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            abort(404)
        if not self.datamodel.is_writable(item):
            abort(403)

    def _edit(self, pk):
        self._require_writable(pk)
        return super()._edit(pk)

    def _delete(self, pk):
        self._require_writable(pk)
        return super()._delete(pk)

    # --- Related tabs: only those the user may open ---------------------------

    @property
    def _related_views(self) -> list:
        """The related tabs. At start-up Flask-AppBuilder fills the full list;
        in a request, the list holds only the tabs the user may open."""
        views = self.__dict__.setdefault("_all_related_views", [])
        if not has_request_context():
            return views
        security = self.appbuilder.sm
        return [
            view
            for view in views
            if security.has_access("can_list", view.class_permission_name)
        ]

    @_related_views.setter
    def _related_views(self, views: list) -> None:
        self.__dict__["_all_related_views"] = views


def interface(model) -> ScopedInterface:
    """The data interface of a model, with the row rules applied."""
    return ScopedInterface(model)
