"""Who a person is in the data: the person records (contact person, participant,
trainer) and user accounts that belong to one human being.

A person is picked by one record; records of the other kinds and user accounts
with the same email address are the same person and go with it, so that an
export shows all of them and an erasure leaves none behind.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import ContactPerson, OperatorUser, Participant, Trainer

PERSON_KINDS = {
    "contact": ContactPerson,
    "participant": Participant,
    "trainer": Trainer,
}
KIND_LABELS = {
    "contact": _l("Contact person"),
    "participant": _l("Participant"),
    "trainer": _l("Trainer"),
}
# The columns that hold a person's identity or contact details, by kind.
IDENTITY_COLUMNS = {
    "contact": ("first_name", "last_name", "title", "email", "phone"),
    "participant": ("first_name", "last_name", "email"),
    "trainer": ("first_name", "last_name", "email", "phone", "expertise"),
}
ACCOUNT_COLUMNS = ("first_name", "last_name", "email", "username")


def kind_of(record) -> str:
    return next(
        kind for kind, model in PERSON_KINDS.items() if isinstance(record, model)
    )


def marker(record) -> str:
    """What replaces a person's details once they are erased: unique per
    record, so that unique keys stay unique, and telling nothing of them."""
    if isinstance(record, OperatorUser):
        return f"[erased-u{record.id}]"
    return f"[erased-{kind_of(record)[0]}{record.id}]"


@dataclass
class Subject:
    """One person as the data knows them."""

    records: list = field(default_factory=list)
    accounts: list = field(default_factory=list)

    @property
    def emails(self) -> set[str]:
        rows = self.records + self.accounts
        return {row.email.strip().lower() for row in rows if (row.email or "").strip()}

    @property
    def erased(self) -> bool:
        return all(record.erased_on is not None for record in self.records)


def person_record(kind: str, record_id: int):
    model = PERSON_KINDS.get(kind)
    return db.session.get(model, record_id) if model is not None else None


def subject_of(record) -> Subject:
    """The person a record belongs to, with their other records by email."""
    subject = Subject(records=[record])
    email = (record.email or "").strip().lower()
    if not email:
        return subject
    for model in PERSON_KINDS.values():
        same = db.session.scalars(
            select(model).where(func.lower(model.email) == email).order_by(model.id)
        )
        subject.records += [row for row in same if row is not record]
    subject.accounts = list(
        db.session.scalars(
            select(OperatorUser)
            .where(func.lower(OperatorUser.email) == email)
            .order_by(OperatorUser.id)
        )
    )
    return subject


def find_people(text: str, limit: int = 50) -> list:
    """Person records whose name or email contains the text, for the
    coordinator looking for the subject of a request."""
    words = text.strip().lower().split()
    if not words:
        return []
    found = []
    for model in PERSON_KINDS.values():
        query = select(model).where(model.erased_on.is_(None))
        for word in words:
            query = query.where(
                func.lower(model.first_name).contains(word, autoescape=True)
                | func.lower(model.last_name).contains(word, autoescape=True)
                | func.lower(model.email).contains(word, autoescape=True)
            )
        found += db.session.scalars(query.order_by(model.last_name).limit(limit))
    return found[:limit]
