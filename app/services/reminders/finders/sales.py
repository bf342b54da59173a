"""Reminders of the path's first half: leads to follow up, requests whose
offer deadline comes or passed, and partnership agreements running out."""

from collections.abc import Iterator
from datetime import date, timedelta

from sqlalchemy import func

from app.extensions import db
from app.models import (
    Lead,
    LeadStatus,
    Offer,
    OfferStatus,
    PartnershipAgreement,
    ReminderRule,
    RequestDistribution,
    RequestForQuotation,
    RequestStatus,
)
from app.services.clock import local_now
from app.services.reminders.due import (
    LOOKBACK_DAYS,
    DueReminder,
    Recipient,
    contacts,
    coordinator_contacts,
)
from app.services.workflow.announcements import public_link


def _request_reminder(request, due_on, recipient, **context) -> DueReminder:
    return DueReminder(
        f"request-{request.id}",
        due_on,
        recipient,
        public_link("RequestForQuotationView.show", pk=request.id),
        {"request": request, **context},
        request.id,
    )


def _submitted_offers(request_id: int):
    return db.select(Offer.lead_provider_id).where(
        Offer.request_id == request_id, Offer.status == OfferStatus.submitted
    )


def offer_deadline_approaching(rule: ReminderRule, today: date) -> Iterator:
    """To the providers that have neither offered nor declined."""
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
        offered = set(db.session.scalars(_submitted_offers(request.id)))
        silent = db.session.scalars(
            db.select(RequestDistribution).where(
                RequestDistribution.request_id == request.id,
                RequestDistribution.declined_on.is_(None),
            )
        )
        for distribution in silent:
            if distribution.provider_id in offered:
                continue
            for recipient in contacts(distribution.provider_id, requests_only=True):
                yield _request_reminder(request, due_on, recipient)


def offer_deadline_passed(rule: ReminderRule, today: date) -> Iterator:
    """To the coordinator and the client contacts: the offers can be compared."""
    now = local_now()
    since = now - timedelta(days=LOOKBACK_DAYS - rule.offset_days)
    requests = db.session.scalars(
        db.select(RequestForQuotation).where(
            RequestForQuotation.status.in_(
                [RequestStatus.published, RequestStatus.closed]
            ),
            RequestForQuotation.offer_deadline <= now,
            RequestForQuotation.offer_deadline >= since,
        )
    )
    coordinators = coordinator_contacts()
    for request in requests:
        due_on = request.offer_deadline.date() - timedelta(days=rule.offset_days)
        if due_on > today:
            continue
        offers = db.session.scalar(
            db.select(func.count()).select_from(
                _submitted_offers(request.id).subquery()
            )
        )
        people = list(coordinators)
        for company in request.client_companies:
            people += contacts(company.id)
        for recipient in people:
            yield _request_reminder(request, due_on, recipient, offers=offers)


def lead_follow_up(rule: ReminderRule, today: date) -> Iterator:
    """To the lead's owner, while the lead is still open."""
    leads = db.session.scalars(
        db.select(Lead).where(
            Lead.status.in_([LeadStatus.new, LeadStatus.contacted]),
            Lead.next_follow_up_on <= today + timedelta(days=rule.offset_days),
            Lead.owner_id.is_not(None),
        )
    )
    for lead in leads:
        due_on = lead.next_follow_up_on - timedelta(days=rule.offset_days)
        if due_on <= today and lead.owner.email:
            yield DueReminder(
                f"lead-{lead.id}",
                due_on,
                Recipient(lead.owner.email, lead.owner.first_name),
                public_link("LeadView.show", pk=lead.id),
                {"lead": lead},
            )


def agreement_expiring(rule: ReminderRule, today: date) -> Iterator:
    """To the provider's contacts and the coordinator."""
    agreements = db.session.scalars(
        db.select(PartnershipAgreement).where(
            PartnershipAgreement.valid_until.is_not(None),
            PartnershipAgreement.valid_until >= today,
        )
    )
    coordinators = coordinator_contacts()
    for agreement in agreements:
        due_on = agreement.valid_until - timedelta(days=rule.offset_days)
        if due_on > today:
            continue
        for recipient in contacts(agreement.provider_id) + coordinators:
            yield DueReminder(
                f"agreement-{agreement.id}",
                due_on,
                recipient,
                public_link("PartnershipAgreementView.show", pk=agreement.id),
                {"agreement": agreement},
            )
