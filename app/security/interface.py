"""The data interface of every screen, with the row rules applied.

Flask-AppBuilder's views, related tabs, form choice lists and search widgets all
query through their model's data interface; applying the rules here closes the
gaps that FAB's per-view ``base_filters`` leave (actions, choice lists, related
objects). Writes are checked in the same transaction, before it commits: a row
must be the user's to change before the change and after it.
"""

import logging

from flask import g, has_request_context
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.security.log_privacy import database_refusal
from app.security.row_rules import read_condition, write_condition
from app.security.viewer import Viewer

logger = logging.getLogger(__name__)


class NotYourRecordError(Exception):
    """A write that would touch a record outside the user's organisation."""

    def __init__(self) -> None:
        super().__init__(
            str(
                _l(
                    "This record belongs to another organisation: you cannot "
                    "save or delete it."
                )
            )
        )


class RecordConflictError(Exception):
    """A write the database refused, told without its SQL."""

    def __init__(self) -> None:
        super().__init__(
            str(
                _l(
                    "The record could not be saved because it conflicts with "
                    "another record: check the fields that must be unique or "
                    "refer to other records."
                )
            )
        )


class ScopedInterface(SQLAInterface):
    """A data interface that shows each user only the rows the rules allow."""

    # Loader options of the view's list pages (app.views.list_loading): the
    # related records the list shows come with its rows.
    list_options: tuple = ()

    def is_nullable(self, col_name: str) -> bool:
        """A checkbox is never empty: unticked means False. Treating boolean
        columns as required made FAB refuse every unticked box."""
        if self.is_boolean(col_name):
            return True
        return super().is_nullable(col_name)

    def apply_all(self, query, *args, **kwargs):
        query = super().apply_all(query, *args, **kwargs)
        return query.options(*self.list_options)

    def apply_filters(self, query, filters):
        query = super().apply_filters(query, filters)
        return query.filter(read_condition(self.obj, Viewer.current()))

    def get_related_obj(self, col_name, value):
        model = self.get_related_model(col_name)
        # A related tab's add form names its parent as a filter, which FAB
        # passes on as a list of the values given.
        if isinstance(value, list | tuple):
            value = value[0] if value else None
        value = str(value)
        if not (value.isascii() and value.isdigit() and len(value) <= 9):
            return None
        return self.session.scalar(
            select(model).where(
                model.id == int(value), read_condition(model, Viewer.current())
            )
        )

    def is_writable(self, item) -> bool:
        """Whether the current user may change or delete this stored row."""
        model = type(item)
        condition = write_condition(model, Viewer.current())
        found = self.session.scalar(
            select(model.id).where(model.id == item.id, condition)
        )
        return found is not None

    def add(self, item, commit: bool = True) -> None:
        self.session.add(item)
        self._flush_checked(item, commit)

    def edit(self, item, commit: bool = True) -> None:
        self._flush_checked(self.session.merge(item), commit)

    def delete(self, item, commit: bool = True) -> None:
        if not self.is_writable(item):
            self._refuse(item)
        super().delete(item, commit)

    def delete_all(self, items) -> None:
        for item in items:
            if not self.is_writable(item):
                self._refuse(item)
        super().delete_all(items)

    def _flush_checked(self, item, commit: bool) -> None:
        try:
            self.session.flush()
        except IntegrityError as error:
            self.session.rollback()
            logger.info(
                "Write refused by the database: %s", database_refusal(error.orig)
            )
            if has_request_context():
                g.write_conflict = True
            raise RecordConflictError() from error
        if not self.is_writable(item):
            self._refuse(item)
        if commit:
            self.session.commit()

    def _refuse(self, item) -> None:
        viewer = Viewer.current()
        self.session.rollback()
        if has_request_context():
            g.write_refused = True
        logger.warning(
            "Refused a write of %s %s by user %s",
            type(item).__name__,
            getattr(item, "id", None),
            viewer.user_id,
        )
        raise NotYourRecordError()
