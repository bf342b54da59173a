"""Offers through the API. A provider reads the offers it leads or is a member
of, and drafts and edits its own in its own name; submitting, new versions and
consortium members stay steps on the screen. The coordinator and the client
read the offers opened to them after the deadline, as on the screen."""

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields
from sqlalchemy import select

from app.api.base import READ_AND_WRITE, ScopedApi
from app.api.fields import Code, amount, identifier, percent, text
from app.extensions import db
from app.models import Offer, OfferStatus, RequestForQuotation
from app.security.interface import ScopedInterface
from app.security.viewer import Viewer
from app.services.workflow.errors import TransitionRefusedError
from app.services.workflow.offers import require_open_request


class NameOutput(Schema):
    name = fields.String()


class MemberOutput(Schema):
    provider_id = fields.Integer()
    provider_name = fields.Pluck(NameOutput, "name", attribute="provider")
    part = fields.String()
    share_percent = percent()
    confirmed_on = fields.DateTime(allow_none=True)


class OfferOutput(Schema):
    id = fields.Integer()
    request_id = fields.Integer()
    lead_provider_id = fields.Integer()
    lead_provider_name = fields.Pluck(NameOutput, "name", attribute="lead_provider")
    content = fields.String()
    price = amount()
    vat_rate = percent()
    valid_until = fields.Date()
    version = fields.Integer()
    status = Code(OfferStatus)
    submitted_on = fields.DateTime(allow_none=True)
    members = fields.List(fields.Nested(MemberOutput))


class OfferInput(Schema):
    request_id = identifier(required=True)
    content = text(Offer.content, required=True)
    price = amount(required=True)
    vat_rate = percent()
    valid_until = fields.Date(required=True)


class OfferApi(ScopedApi):
    resource_name = "offers"
    datamodel = ScopedInterface(Offer)
    include_route_methods = READ_AND_WRITE
    output_schema = OfferOutput
    input_schema = OfferInput
    related_ids = {"request_id": RequestForQuotation}
    search_columns = ["status", "request", "valid_until"]
    order_columns = ["id", "submitted_on", "valid_until", "price"]
    base_order = ("id", "desc")
    openapi_spec_tag = "Offers"

    def new_record(self, values: dict) -> Offer:
        return Offer(
            **values,
            lead_provider_id=Viewer.current().organisation_id,
            status=OfferStatus.draft,
            version=1,
        )

    def not_writable_message(self):
        return _l("Only a draft offer that your organisation leads can be changed.")

    def check(self, values: dict, record) -> dict:
        if record is not None:
            if values.get("request_id", record.request_id) != record.request_id:
                message = _l("An offer stays on its request: make a new offer.")
                return {"request_id": [str(message)]}
            return {}
        request = db.session.get(RequestForQuotation, values["request_id"])
        try:
            require_open_request(request)
        except TransitionRefusedError as refusal:
            return {"request_id": [str(refusal)]}
        earlier = db.session.scalar(
            select(Offer.id).where(
                Offer.request_id == request.id,
                Offer.lead_provider_id == Viewer.current().organisation_id,
            )
        )
        if earlier is not None:
            message = _l(
                "Your organisation already has an offer on this request (id "
                "%(id)s): change that one, or make a new version on the screen.",
                id=earlier,
            )
            return {"request_id": [str(message)]}
        return {}
