"""Client companies through the API: the coordinator's CRM adds and updates
them; providers and clients read those their rules show. The coordinator's
internal notes stay on the screen."""

from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields
from sqlalchemy import select

from app.api.base import READ_AND_WRITE, ScopedApi
from app.api.fields import Code, text
from app.extensions import db
from app.models import Organisation
from app.models.business_id import INVALID_BUSINESS_ID, normalise_business_id
from app.models.choices import Language
from app.models.organisations import OrganisationKind, SizeClass
from app.security.interface import ScopedInterface


class BusinessId(fields.String):
    """A Finnish business ID with a right check digit, kept as 1234567-8."""

    def _deserialize(self, value, attr, data, **kwargs):
        given = super()._deserialize(value, attr, data, **kwargs)
        normalised = normalise_business_id(given)
        if normalised is None:
            raise ValidationError(str(INVALID_BUSINESS_ID))
        return normalised


class CompanyOutput(Schema):
    id = fields.Integer()
    name = fields.String()
    business_id = fields.String()
    industry = fields.String(allow_none=True)
    size_class = Code(SizeClass, allow_none=True)
    municipality = fields.String(allow_none=True)
    street_address = fields.String(allow_none=True)
    postal_code = fields.String(allow_none=True)
    website = fields.String(allow_none=True)
    preferred_language = Code(Language)
    is_active = fields.Boolean()
    created_on = fields.DateTime()
    changed_on = fields.DateTime()


class CompanyInput(Schema):
    name = text(Organisation.name, required=True)
    business_id = BusinessId(required=True, metadata={"example": "0124610-9"})
    industry = text(Organisation.industry, allow_none=True)
    size_class = Code(SizeClass, allow_none=True)
    municipality = text(Organisation.municipality, allow_none=True)
    street_address = text(Organisation.street_address, allow_none=True)
    postal_code = text(Organisation.postal_code, allow_none=True)
    website = text(Organisation.website, allow_none=True)
    preferred_language = Code(Language)
    is_active = fields.Boolean()


class CompanyApi(ScopedApi):
    resource_name = "companies"
    datamodel = ScopedInterface(Organisation)
    base_filters = [["kind", FilterEqual, OrganisationKind.client]]
    include_route_methods = READ_AND_WRITE
    output_schema = CompanyOutput
    input_schema = CompanyInput
    search_columns = ["name", "business_id", "industry", "municipality", "is_active"]
    order_columns = ["id", "name", "business_id", "changed_on"]
    base_order = ("name", "asc")
    openapi_spec_tag = "Companies"

    def new_record(self, values: dict) -> Organisation:
        return Organisation(**values, kind=OrganisationKind.client)

    def check(self, values: dict, record) -> dict:
        business_id = values.get("business_id")
        if business_id is None:
            return {}
        holder = db.session.scalar(
            select(Organisation.id).where(
                Organisation.business_id == business_id,
                Organisation.id != getattr(record, "id", None),
            )
        )
        if holder is None:
            return {}
        message = _l(
            "An organisation with this business ID is already recorded (id "
            "%(id)s): change that one instead.",
            id=holder,
        )
        return {"business_id": [str(message)]}
