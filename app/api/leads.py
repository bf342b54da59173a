"""Leads through the API: the city's CRM and website add and read the
coordinator's leads. Status changes (contacted, qualified, dropped) stay steps
on the screen, where their rules and notices live."""

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields
from sqlalchemy import select

from app.api.base import READ_AND_WRITE, ScopedApi
from app.api.fields import Code, identifier, text
from app.extensions import db
from app.models import ContactPerson, Lead, LeadSource, LeadStatus, Organisation
from app.models.organisations import OrganisationKind
from app.security.interface import ScopedInterface
from app.security.viewer import Viewer


class LeadOutput(Schema):
    id = fields.Integer()
    company_id = fields.Integer()
    contact_person_id = fields.Integer(allow_none=True)
    source = Code(LeadSource)
    status = Code(LeadStatus)
    owner_id = fields.Integer(allow_none=True)
    next_follow_up_on = fields.Date(allow_none=True)
    description = fields.String(allow_none=True)
    drop_reason = fields.String(allow_none=True)
    created_on = fields.DateTime()
    changed_on = fields.DateTime()


class LeadInput(Schema):
    company_id = identifier(required=True)
    contact_person_id = identifier(allow_none=True)
    source = Code(LeadSource, required=True)
    next_follow_up_on = fields.Date(allow_none=True)
    description = text(Lead.description, allow_none=True)


class LeadApi(ScopedApi):
    resource_name = "leads"
    datamodel = ScopedInterface(Lead)
    include_route_methods = READ_AND_WRITE
    output_schema = LeadOutput
    input_schema = LeadInput
    related_ids = {"company_id": Organisation, "contact_person_id": ContactPerson}
    search_columns = ["status", "source", "next_follow_up_on", "company"]
    order_columns = ["id", "next_follow_up_on", "created_on", "changed_on"]
    base_order = ("id", "desc")
    openapi_spec_tag = "Leads"

    def new_record(self, values: dict) -> Lead:
        return Lead(**values, status=LeadStatus.new, owner_id=Viewer.current().user_id)

    def check(self, values: dict, record) -> dict:
        company_id = values.get("company_id", getattr(record, "company_id", None))
        errors = {}
        kind = db.session.scalar(
            select(Organisation.kind).where(Organisation.id == company_id)
        )
        if kind is not OrganisationKind.client:
            errors["company_id"] = [str(_l("A lead is about a client company."))]
        contact_id = values.get(
            "contact_person_id", getattr(record, "contact_person_id", None)
        )
        if contact_id is not None:
            employer = db.session.scalar(
                select(ContactPerson.organisation_id).where(
                    ContactPerson.id == contact_id
                )
            )
            if employer != company_id:
                errors["contact_person_id"] = [
                    str(_l("The contact person must work for the lead's company."))
                ]
        return errors
