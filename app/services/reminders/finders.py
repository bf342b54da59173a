"""What each reminder rule finds due on a day, and for whom.

A finder looks back as well as at the day itself: a reminder whose day passed
while the scheduler was down is still found, and its key (with its due date)
makes sure it is sent once.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.extensions import db
from app.models import (
    ContactPerson,
    Lead,
    LeadStatus,
    Offer,
    OfferStatus,
    Organisation,
    OrganisationKind,
    PartnershipAgreement,
    ReminderKind,
    ReminderRule,
    RequestDistribution,
    RequestForQuotation,
    RequestStatus,
)
from app.models.choices import Language
from app.services.clock import local_now


@dataclass(frozen=True)
class Recipient:
    email: str
    first_name: str
    language: Language = Language.fi


@dataclass
class DueReminder:
    """One reminder to one person about one record, due on one day."""

    record: str
    due_on: date
    recipient: Recipient
    context: dict = field(default_factory=dict)
    request_id: int | None = None


def _people(organisation_id: int, requests_only: bool = False) -> list[Recipient]:
    query = db.select(ContactPerson).where(
        ContactPerson.organisation_id == organisation_id,
        ContactPerson.is_active.is_(True),
    )
    if requests_only:
        query = query.where(ContactPerson.receives_requests.is_(True))
    return [
        Recipient(person.email, person.first_name, person.language)
        for person in db.session.scalars(query)
    ]


def offer_deadline_approaching(rule: ReminderRule, today: date) -> Iterator:
    now = local_now()
    requests = db.session.scalars(
        db.select(RequestForQuotation).where(
            RequestForQuotation.status == RequestStatus.published,
            RequestForQuotation.offer_deadline > now,
        )
    )
    for request in requests:
        due_on = request.offer_deadline.date() - timedelta(days=rule.offset_days)
        if due_on > today:
            continue
        offered = set(
            db.session.scalars(
                db.select(Offer.lead_provider_id).where(
                    Offer.request_id == request.id,
                    Offer.status == OfferStatus.submitted,
                )
            )
        )
        silent = db.session.scalars(
            db.select(RequestDistribution).where(
                RequestDistribution.request_id == request.id,
                RequestDistribution.declined_on.is_(None),
            )
        )
        for distribution in silent:
            if distribution.provider_id in offered:
                continue
            for person in _people(distribution.provider_id, requests_only=True):
                yield DueReminder(
                    f"request-{request.id}",
                    due_on,
                    person,
                    {"request": request},
                    request.id,
                )


def lead_follow_up(rule: ReminderRule, today: date) -> Iterator:
    leads = db.session.scalars(
        db.select(Lead).where(
            Lead.status.in_([LeadStatus.new, LeadStatus.contacted]),
            Lead.next_follow_up_on.is_not(None),
            Lead.owner_id.is_not(None),
        )
    )
    for lead in leads:
        due_on = lead.next_follow_up_on - timedelta(days=rule.offset_days)
        if due_on <= today and lead.owner.email:
            owner = Recipient(lead.owner.email, lead.owner.first_name)
            yield DueReminder(f"lead-{lead.id}", due_on, owner, {"lead": lead})


def agreement_expiring(rule: ReminderRule, today: date) -> Iterator:
    agreements = db.session.scalars(
        db.select(PartnershipAgreement).where(
            PartnershipAgreement.valid_until.is_not(None),
            PartnershipAgreement.valid_until >= today,
        )
    )
    coordinators = db.session.scalars(
        db.select(Organisation.id).where(
            Organisation.kind == OrganisationKind.coordinator
        )
    ).all()
    for agreement in agreements:
        due_on = agreement.valid_until - timedelta(days=rule.offset_days)
        if due_on > today:
            continue
        people = _people(agreement.provider_id)
        for coordinator in coordinators:
            people += _people(coordinator)
        for person in people:
            yield DueReminder(
                f"agreement-{agreement.id}", due_on, person, {"agreement": agreement}
            )


FINDERS = {
    ReminderKind.offer_deadline_approaching: offer_deadline_approaching,
    ReminderKind.lead_follow_up: lead_follow_up,
    ReminderKind.agreement_expiring: agreement_expiring,
}
