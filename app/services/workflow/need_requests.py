"""A company's training need told through the public form: it becomes a lead
for the coordinator, marked as coming from the web form, with the company and
its contact person found or added, and the sender gets a confirmation."""

from dataclasses import dataclass, field

from flask import render_template
from flask_babel import force_locale, gettext
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.mail.outbox import queue_message
from app.models import (
    ContactPerson,
    Lead,
    LeadSource,
    LeadStatus,
    Organisation,
    OrganisationKind,
    ServiceEntity,
)
from app.models.choices import Language


@dataclass
class NeedMessage:
    business_id: str  # normalised
    company_name: str
    first_name: str
    last_name: str
    email: str
    phone: str
    need: str
    timing: str
    people: int | None
    language: Language
    service_ids: list[int] = field(default_factory=list)
    # Industry and address of a company not known yet.
    company_details: dict = field(default_factory=dict)


def receive(message: NeedMessage) -> Lead:
    """Record the need as a new lead and queue the confirmation, in the current
    transaction."""
    company = _company(message)
    contact = _contact(company, message)
    services = db.session.scalars(
        db.select(ServiceEntity).where(
            ServiceEntity.id.in_(message.service_ids),
            ServiceEntity.is_active.is_(True),
        )
    ).all()
    lead = Lead(
        company=company,
        contact_person=contact,
        source=LeadSource.web_form,
        status=LeadStatus.new,
        description=_description(message, services),
    )
    db.session.add(lead)
    db.session.flush()
    _confirm(lead, contact, message, services)
    return lead


def _company(message: NeedMessage) -> Organisation:
    """The organisation with the business ID, added as a client if new; a
    concurrent sender adding the same one makes this one find it instead."""
    found = db.session.scalar(
        db.select(Organisation).where(Organisation.business_id == message.business_id)
    )
    if found is not None:
        return found
    company = Organisation(
        name=message.company_name,
        kind=OrganisationKind.client,
        business_id=message.business_id,
        preferred_language=message.language,
        **{key: value for key, value in message.company_details.items() if value},
    )
    try:
        with db.session.begin_nested():
            db.session.add(company)
    except IntegrityError:
        return db.session.scalar(
            db.select(Organisation).where(
                Organisation.business_id == message.business_id
            )
        )
    return company


def _contact(company: Organisation, message: NeedMessage) -> ContactPerson:
    email = message.email.strip().lower()
    found = db.session.scalar(
        db.select(ContactPerson).where(
            ContactPerson.organisation_id == company.id,
            db.func.lower(ContactPerson.email) == email,
        )
    )
    if found is not None:
        return found
    contact = ContactPerson(
        organisation=company,
        first_name=message.first_name,
        last_name=message.last_name,
        email=email,
        phone=message.phone or None,
        language=message.language,
    )
    db.session.add(contact)
    return contact


def _description(message: NeedMessage, services) -> str:
    """In Finnish, the coordinator's working language."""
    lines = ["Verkkolomakkeelta:", message.need.strip()]
    if services:
        lines.append("Kiinnostavat palvelut: " + ", ".join(s.name for s in services))
    if message.timing:
        lines.append(f"Ajankohta: {message.timing}")
    if message.people:
        lines.append(f"Henkilöitä: {message.people}")
    return "\n".join(lines)


def _confirm(lead, contact, message: NeedMessage, services) -> None:
    with force_locale(message.language.name):
        queue_message(
            key=f"need-received:{lead.id}:{contact.email}",
            recipient=contact.email,
            language=message.language,
            subject=gettext("We received your training need"),
            body=render_template(
                "mail/need_received.txt",
                person=contact,
                message=message,
                services=services,
            ),
        )
