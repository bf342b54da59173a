"""Requests for quotation through the API, read only: the coordinator's
systems follow them, a provider reads those sent to it, a client its own.
Writing and publishing stay on the screen, where the distribution happens."""

from marshmallow import Schema, fields

from app.api.base import ScopedApi
from app.api.fields import Code, VisibleIds, amount
from app.models import Organisation, RequestForQuotation, ServiceEntity
from app.models.quotations import RequestStatus, SoughtDelivery
from app.security.interface import ScopedInterface


class RequestOutput(Schema):
    id = fields.Integer()
    reference = fields.String()
    title = fields.String()
    description = fields.String()
    expertise_sought = fields.String()
    sought_delivery = Code(SoughtDelivery)
    offer_deadline = fields.DateTime(
        metadata={"description": "Helsinki wall-clock time, without a zone."}
    )
    budget_min = amount(allow_none=True)
    budget_max = amount(allow_none=True)
    status = Code(RequestStatus)
    published_on = fields.DateTime(allow_none=True)
    client_company_ids = VisibleIds(Organisation, attribute="client_companies")
    service_entity_ids = VisibleIds(ServiceEntity, attribute="service_entities")


class RequestApi(ScopedApi):
    resource_name = "requests"
    datamodel = ScopedInterface(RequestForQuotation)
    output_schema = RequestOutput
    search_columns = ["status", "reference", "title", "offer_deadline"]
    order_columns = ["id", "reference", "offer_deadline", "published_on"]
    base_order = ("offer_deadline", "desc")
    openapi_spec_tag = "Requests for quotation"
