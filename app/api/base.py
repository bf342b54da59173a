"""The base of the REST API's resources: Flask-AppBuilder's model API over the
scoped data interface, with its gaps closed.

FAB's model API filters reads by ``base_filters`` only, and its writes take
related ids and nested objects without asking whose they are. Here every read
goes through the row rules (``ScopedInterface``); a write takes a flat JSON
object checked by an explicit schema, every related id must name a record the
caller may read, the record must be the caller's to change before and after,
and every refusal is a 4xx with a translated message, never a 500.
"""

import logging

import prison
from flask import g, request
from flask_appbuilder.api import ModelRestApi
from flask_appbuilder.exceptions import InvalidColumnArgsFABException
from flask_appbuilder.hooks import before_request
from marshmallow import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import StatementError
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

from app.api import messages
from app.api.fields import LARGEST_ID
from app.extensions import db
from app.security.hardening import ERROR_MESSAGES
from app.security.interface import (
    NotYourRecordError,
    RecordConflictError,
)
from app.security.log_privacy import database_refusal
from app.security.row_rules import read_condition
from app.security.viewer import Viewer

logger = logging.getLogger(__name__)

READ_ONLY = {"get", "get_list"}
READ_AND_WRITE = READ_ONLY | {"post", "put"}
# FAB's response keys for its own front end, labelled in English; left out.
FRONT_END_KEYS = ("label_columns", "description_columns", "list_title", "show_title")


class ScopedApi(ModelRestApi):
    """A model API that shows and changes only what the caller's rules allow."""

    allow_browser_login = True
    include_route_methods = READ_ONLY
    page_size = 25
    max_page_size = 100
    # The schema a record is shown with, and the one a posted or put record is
    # read with (None: read only).
    output_schema = None
    input_schema = None
    # Related ids of the input, by field: the model the id must name.
    related_ids: dict = {}

    def __init__(self) -> None:
        # One schema class per name in the OpenAPI description.
        self.list_model_schema = self.output_schema()
        self.show_model_schema = _renamed(self.output_schema, "Item")()
        self.list_columns = self.show_columns = list(self.list_model_schema.fields)
        if self.input_schema is not None:
            self.add_model_schema = self.input_schema()
            self.edit_model_schema = _renamed(self.input_schema, "Change")(partial=True)
            self.add_columns = self.edit_columns = list(self.add_model_schema.fields)
        super().__init__()

    def add_apispec_components(self, api_spec) -> None:
        """The shared responses and parameters, and this resource's schemas
        (those of writing only where it takes writes)."""
        super(ModelRestApi, self).add_apispec_components(api_spec)
        components = api_spec.components
        components.schema(self.list_model_schema_name, schema=self.list_model_schema)
        components.schema(self.show_model_schema_name, schema=self.show_model_schema)
        if self.input_schema is not None:
            components.schema(self.add_model_schema_name, schema=self.add_model_schema)
            components.schema(
                self.edit_model_schema_name, schema=self.edit_model_schema
            )

    def set_response_key_mappings(self, response, func, rison_args, **kwargs):
        super().set_response_key_mappings(response, func, rison_args, **kwargs)
        for key in FRONT_END_KEYS:
            response.pop(key, None)

    # --- What a new or changed record gets besides its input -------------------

    def new_record(self, values: dict):
        """A new record from checked input; subclasses add what the caller
        does not give (owner, organisation, status)."""
        return self.datamodel.obj(**values)

    def check(self, values: dict, record) -> dict:
        """Errors of the input as a whole, by field; none by default."""
        return {}

    # --- Reads ------------------------------------------------------------------

    @before_request
    def refuse_unreadable_query(self):
        """FAB reads ``q`` with prison, which raises more than its own parse
        error for some malformed numbers; FAB answers those with a 500."""
        value = request.args.get("q")
        if not value:
            return None
        try:
            prison.loads(value)
        except prison.decoder.ParserException:
            return None  # FAB tries it as JSON, and answers 400 if not
        except Exception:
            return self.response_400(message=str(messages.BAD_QUERY))
        return None

    def get_headless(self, pk, **kwargs):
        if not _is_id(pk):
            return self.response_404()
        return self._answer_reads(super().get_headless, pk, **kwargs)

    def get_list_headless(self, **kwargs):
        args = kwargs.get("rison", {})
        page, size = args.get("page", 0), args.get("page_size", self.page_size)
        if not (_is_count(page) and _is_count(size) and page * size <= LARGEST_ID):
            return self.response_400(message=str(messages.BAD_PAGE))
        return self._answer_reads(super().get_list_headless, **kwargs)

    def _answer_reads(self, read, *args, **kwargs):
        try:
            return read(*args, **kwargs)
        except StatementError as error:
            db.session.rollback()
            logger.info(
                "A filter value the database refused: %s", database_refusal(error.orig)
            )
            return self.response_400(message=str(messages.BAD_FILTER))

    def _handle_columns_args(self, args, default_select_columns, default_columns):
        """Columns are not chosen per request: FAB would build a schema for them
        from the model, outside the rules of the fields."""
        if args.get("columns") or args.get("select_columns"):
            raise InvalidColumnArgsFABException(str(messages.NO_COLUMN_CHOICE))
        return [], []

    # --- Writes -----------------------------------------------------------------

    def post_headless(self):
        values, refusal = self._read_input(self.add_model_schema, None)
        if refusal is not None:
            return refusal
        record = self.new_record(values)
        return self._save(record, self.datamodel.add, 201)

    def put_headless(self, pk):
        record = self.datamodel.get(pk, self._base_filters) if _is_id(pk) else None
        if record is None:
            return self.response_404()
        if not self.datamodel.is_writable(record):
            return self.response(403, message=str(self.not_writable_message()))
        values, refusal = self._read_input(self.edit_model_schema, record)
        if refusal is not None:
            return refusal
        for name, value in values.items():
            setattr(record, name, value)
        return self._save(record, self.datamodel.edit, 200)

    def not_writable_message(self):
        return messages.NOT_WRITABLE

    def _read_input(self, schema, record):
        """The body's checked values, or the response refusing it."""
        data, refusal = self._json_object()
        if refusal is not None:
            return None, refusal
        try:
            values = schema.load(data)
        except ValidationError as error:
            return None, self._unprocessable(error.messages)
        errors = self._unknown_related(values)
        errors = errors or self.check(values, record)
        if errors:
            return None, self._unprocessable(errors)
        return values, None

    def _json_object(self):
        if not request.is_json:
            return None, self.response_400(message=str(messages.NOT_JSON))
        try:
            data = request.get_json()
        except RequestEntityTooLarge:
            return None, self._too_large()
        except BadRequest:
            return None, self.response_400(message=str(messages.MALFORMED_JSON))
        if not isinstance(data, dict):
            return None, self.response_400(message=str(messages.NOT_AN_OBJECT))
        return data, None

    def _too_large(self):
        return self.response(413, message=str(ERROR_MESSAGES[413]))

    def _unknown_related(self, values: dict) -> dict:
        """Related ids that name no record the caller may read."""
        viewer = Viewer.current()
        errors = {}
        for name, model in self.related_ids.items():
            value = values.get(name)
            if value is None:
                continue
            found = db.session.scalar(
                select(model.id).where(model.id == value, read_condition(model, viewer))
            )
            if found is None:
                errors[name] = [str(messages.UNKNOWN_ID)]
        return errors

    def _save(self, record, write, status: int):
        try:
            write(record)
        except NotYourRecordError:
            g.pop("write_refused", None)
            return self.response(403, message=str(self.not_writable_message()))
        except RecordConflictError:
            g.pop("write_conflict", None)
            return self.response(409, message=str(messages.CONFLICT))
        result = self.output_schema().dump(record)
        return self.response(status, id=record.id, result=result)

    def _unprocessable(self, errors):
        db.session.rollback()
        return self.response_422(message=messages.field_messages(errors))

    # --- Refusals in the caller's language -------------------------------------

    def response_401(self):
        return self.response(401, message=str(messages.NOT_SIGNED_IN))

    def response_403(self):
        return self.response(403, message=str(messages.FORBIDDEN))

    def response_404(self):
        return self.response(404, message=str(messages.NOT_FOUND))


def _renamed(schema: type, suffix: str) -> type:
    return type(schema.__name__ + suffix, (schema,), {})


def _is_count(value) -> bool:
    return type(value) is int and 0 <= value <= LARGEST_ID


def _is_id(pk) -> bool:
    try:
        return 1 <= int(pk) <= LARGEST_ID
    except (TypeError, ValueError):
        return False
