"""The base of the back office's model views."""

from flask_appbuilder import ModelView
from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.views.formatting import formatter_for
from app.views.labels import COLUMN_LABELS

# Columns that every record has; shown on show pages, never edited by hand.
HISTORY_COLUMNS = ["created_on", "created_by", "changed_on", "changed_by"]


class OperatorModelView(ModelView):
    """A model view with the domain's shared labels and sensible defaults:
    history columns shown but not editable, and small pages."""

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

    def _typed_formatters(self) -> dict:
        """Dates, times, amounts and flags written the way users read them."""
        model = self.datamodel.obj
        columns = set(self.list_columns or []) | set(self.show_columns or [])
        formatters = {name: formatter_for(model, name) for name in columns}
        return {name: f for name, f in formatters.items() if f is not None}

    def _own_columns(self) -> list[str]:
        return [
            name
            for name in self.datamodel.get_user_columns_list()
            if name not in HISTORY_COLUMNS
            and not name.endswith("_fk")
            and not self.datamodel.is_relation_one_to_many(name)
            and name not in self.show_exclude_columns
        ]


def interface(model) -> SQLAInterface:
    """The Flask-AppBuilder data interface of a model."""
    return SQLAInterface(model)
