"""Everything held about a person, for their right of access: their records,
what hangs from them, the emails sent to them and the history of their
records, as plain data that becomes JSON or a readable page.

Only the person's own data is included: the history of their records names no
one who changed them, and records of others appear only by their name (a
company, a contract, a survey).
"""

from sqlalchemy import func, or_, select

from app.extensions import db
from app.models import (
    AuditAction,
    AuditEvent,
    Certificate,
    Lead,
    OutboxMessage,
    PartnershipAgreement,
    SurveyInvitation,
    TrainingSession,
)
from app.models.agreements import agreement_contact_person
from app.security.audit import plain_value as _plain
from app.services.clock import local_now
from app.services.personal_data.subjects import (
    IDENTITY_COLUMNS,
    Subject,
    kind_of,
)

FORMAT_VERSION = 1
SIGN_IN_ACTIONS = (AuditAction.login, AuditAction.logout, AuditAction.login_failed)


def personal_data(subject: Subject) -> dict:
    """The export of one person, in the shape its JSON file has."""
    return {
        "format": FORMAT_VERSION,
        "made_on": local_now().isoformat(timespec="seconds"),
        "records": [_record(record) for record in subject.records],
        "user_accounts": [_account(account) for account in subject.accounts],
        "emails": _emails(subject.emails),
    }


def _record(record) -> dict:
    kind = kind_of(record)
    data = {
        "kind": kind,
        "id": record.id,
        "details": {
            name: _plain(getattr(record, name))
            for name in (*IDENTITY_COLUMNS[kind], *_OTHER_COLUMNS[kind])
        },
        "created_on": _plain(record.created_on),
        "erased_on": _plain(record.erased_on),
    }
    data.update(_RELATED[kind](record))
    data["history"] = _history(type(record).__name__, record.id)
    return data


_OTHER_COLUMNS = {
    "contact": ("language", "receives_requests", "is_active"),
    "participant": ("language", "completed"),
    "trainer": (),
}


def _contact_related(person) -> dict:
    agreements = db.session.scalars(
        select(PartnershipAgreement)
        .outerjoin(agreement_contact_person)
        .where(
            or_(
                agreement_contact_person.c.contact_person_id == person.id,
                PartnershipAgreement.steering_group_member_id == person.id,
            )
        )
        .distinct()
        .order_by(PartnershipAgreement.id)
    )
    leads = db.session.scalars(
        select(Lead).where(Lead.contact_person_id == person.id).order_by(Lead.id)
    )
    return {
        "organisation": str(person.organisation),
        "partnership_agreements": [
            {
                "agreement": str(agreement),
                "steering_group_member": agreement.steering_group_member_id
                == person.id,
            }
            for agreement in agreements
        ],
        "leads": [
            {
                "lead": str(lead),
                "status": _plain(lead.status),
                "description": lead.description,
                "created_on": _plain(lead.created_on),
            }
            for lead in leads
        ],
        "survey_invitations": _invitations(SurveyInvitation.contact_person_id, person),
    }


def _participant_related(participant) -> dict:
    certificate = db.session.scalar(
        select(Certificate).where(Certificate.participant_id == participant.id)
    )
    return {
        "company": str(participant.company),
        "contract": str(participant.contract),
        "certificate": certificate
        and {
            "issued_on": _plain(certificate.issued_on),
            "hours": _plain(certificate.hours),
            "verification_code": certificate.verification_code,
        },
        "survey_invitations": _invitations(
            SurveyInvitation.participant_id, participant
        ),
    }


def _trainer_related(trainer) -> dict:
    sessions = db.session.scalars(
        select(TrainingSession)
        .where(TrainingSession.trainer_id == trainer.id)
        .order_by(TrainingSession.starts_at)
    )
    return {
        "provider": str(trainer.provider),
        "sessions": [
            {
                "topic": session.topic,
                "starts_at": _plain(session.starts_at),
                "ends_at": _plain(session.ends_at),
                "place": session.place,
                "contract": str(session.plan.contract),
            }
            for session in sessions
        ],
    }


_RELATED = {
    "contact": _contact_related,
    "participant": _participant_related,
    "trainer": _trainer_related,
}


def _invitations(column, person) -> list[dict]:
    invitations = db.session.scalars(
        select(SurveyInvitation)
        .where(column == person.id)
        .order_by(SurveyInvitation.id)
    )
    return [
        {
            "survey": str(invitation.survey),
            "invited_on": _plain(invitation.created_on),
            "answered": invitation.answered,
        }
        for invitation in invitations
    ]


def _account(account) -> dict:
    sign_ins = db.session.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.user_id == account.id,
            AuditEvent.action.in_(SIGN_IN_ACTIONS),
        )
        .order_by(AuditEvent.occurred_on)
    )
    return {
        "id": account.id,
        "username": account.username,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "active": account.active,
        "organisation": str(account.organisation or ""),
        "roles": sorted(role.name for role in account.roles),
        "language": _plain(account.language),
        "created_on": _plain(account.created_on),
        "last_login": _plain(account.last_login),
        "sign_ins": [
            {
                "occurred_on": _plain(event.occurred_on),
                "action": _plain(event.action),
                "remote_address": event.remote_address,
            }
            for event in sign_ins
        ],
        "history": _history(type(account).__name__, account.id),
    }


def _emails(addresses: set[str]) -> list[dict]:
    if not addresses:
        return []
    messages = db.session.scalars(
        select(OutboxMessage)
        .where(func.lower(OutboxMessage.recipient).in_(sorted(addresses)))
        .order_by(OutboxMessage.created_on, OutboxMessage.id)
    )
    return [
        {
            "to": message.recipient,
            "written_on": _plain(message.created_on),
            "sent_on": _plain(message.sent_on),
            "status": _plain(message.status),
            "subject": message.subject,
            "body": message.body,
        }
        for message in messages
    ]


def _history(record_type: str, record_id: int) -> list[dict]:
    """The audit events of one record: when, what, which fields changed; who
    changed it is left out, since that is another person's data."""
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.record_type == record_type, AuditEvent.record_id == record_id)
        .order_by(AuditEvent.occurred_on, AuditEvent.id)
    )
    return [
        {
            "occurred_on": _plain(event.occurred_on),
            "action": _plain(event.action),
            "changes": event.changes,
        }
        for event in events
    ]
