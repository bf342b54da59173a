"""The service menu through the API: the entities the operator offers, with
their themes, for the city's website and the providers' systems."""

from flask_appbuilder.models.sqla.filters import FilterEqual
from marshmallow import Schema, fields

from app.api.base import ScopedApi
from app.api.fields import Code
from app.models import ServiceEntity
from app.models.service_menu import DeliveryFormat
from app.security.interface import ScopedInterface


class ThemeOutput(Schema):
    id = fields.Integer()
    name = fields.String()
    description = fields.String(allow_none=True)


class ServiceEntityOutput(Schema):
    id = fields.Integer()
    name = fields.String()
    description = fields.String()
    typical_format = Code(DeliveryFormat, allow_none=True)
    typical_duration_hours = fields.Integer(allow_none=True)
    themes = fields.List(fields.Nested(ThemeOutput))


class ServiceEntityApi(ScopedApi):
    """The active entities of the menu; retired ones leave it."""

    resource_name = "service-entities"
    datamodel = ScopedInterface(ServiceEntity)
    base_filters = [["is_active", FilterEqual, True]]
    output_schema = ServiceEntityOutput
    search_columns = ["name", "typical_format"]
    order_columns = ["id", "name"]
    base_order = ("name", "asc")
    openapi_spec_tag = "Service menu"
