"""What a finder reports: one reminder to one person about one record, due on
one day, and who the people are that reminders go to."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_appbuilder.security.sqla.models import Role

from app.extensions import db
from app.models import ContactPerson
from app.models.accounts import OperatorUser
from app.models.choices import Language
from app.services.workflow import announcements

# How far back a finder looks for reminders whose day passed while the
# scheduler was down; older ones are not sent any more.
LOOKBACK_DAYS = 60


@dataclass(frozen=True)
class Recipient:
    email: str
    first_name: str
    language: Language = Language.fi


@dataclass
class DueReminder:
    record: str
    due_on: date
    recipient: Recipient
    link: str
    context: dict = field(default_factory=dict)
    request_id: int | None = None


def person(contact) -> Recipient:
    """A contact person or a participant as a recipient."""
    return Recipient(contact.email, contact.first_name, contact.language)


def contacts(organisation_id: int, requests_only: bool = False) -> list[Recipient]:
    """The active contact people of an organisation."""
    query = db.select(ContactPerson).where(
        ContactPerson.organisation_id == organisation_id,
        ContactPerson.is_active.is_(True),
    )
    if requests_only:
        query = query.where(ContactPerson.receives_requests.is_(True))
    return [person(contact) for contact in db.session.scalars(query)]


def coordinator_contacts() -> list[Recipient]:
    return [person(contact) for contact in announcements.coordinator_contacts()]


def users_in_role(role_name: str) -> list[Recipient]:
    """Active user accounts with a role; accounts have no language of their
    own, so they are written to in Finnish."""
    users = db.session.scalars(
        db.select(OperatorUser).where(
            OperatorUser.active.is_(True),
            OperatorUser.roles.any(Role.name == role_name),
        )
    )
    return [Recipient(user.email, user.first_name) for user in users if user.email]


def due_on(rule, day: date) -> date:
    """The day a reminder about ``day`` is due under ``rule``."""
    return day - timedelta(days=rule.offset_days)


def earliest(rule, today: date) -> date:
    """The earliest ``day`` whose reminder is still within the look-back."""
    return today - timedelta(days=LOOKBACK_DAYS - rule.offset_days)
