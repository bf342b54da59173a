"""Organisations taking part in the operation, and the people who act for them.

The coordinator (the City of Vantaa), the training providers of the pool and the
client companies are all organisations; what separates them is their kind.
"""

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

from app.models.choices import Choice, Language, choice_column_type
from app.models.history import RecordHistory

# How a person whose data was erased is named on every screen.
ERASED_PERSON = _l("Erased person")


class OrganisationKind(Choice):
    coordinator = _l("Coordinator")
    provider = _l("Training provider")
    client = _l("Client company")


class SizeClass(Choice):
    micro = _l("Micro (under 10 employees)")
    small = _l("Small (10–49 employees)")
    medium = _l("Medium-sized (50–249 employees)")
    large = _l("Large (250 or more employees)")


class Organisation(RecordHistory, Model):
    """The coordinator, a training provider or a client company."""

    __tablename__ = "organisation"

    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False)
    kind = Column(choice_column_type(OrganisationKind), nullable=False, index=True)
    business_id = Column(String(9), nullable=False, unique=True)
    industry = Column(String(200))
    size_class = Column(choice_column_type(SizeClass))
    municipality = Column(String(100))
    street_address = Column(String(200))
    postal_code = Column(String(10))
    website = Column(String(200))
    preferred_language = Column(
        choice_column_type(Language), nullable=False, default=Language.fi
    )
    is_active = Column(Boolean, nullable=False, default=True)
    notes = Column(Text)

    contact_people = relationship(
        "ContactPerson", back_populates="organisation", cascade="all, delete-orphan"
    )
    trainers = relationship(
        "Trainer", back_populates="provider", cascade="all, delete-orphan"
    )

    def __str__(self) -> str:
        return self.name


class ContactPerson(RecordHistory, Model):
    """A person who speaks for an organisation: a client's contact, a provider's
    contact for requests for quotation, a steering group member."""

    __tablename__ = "contact_person"

    id = Column(Integer, primary_key=True)
    organisation_id = Column(
        Integer, ForeignKey("organisation.id"), nullable=False, index=True
    )
    first_name = Column(String(100), nullable=False)
    last_name = Column(String(100), nullable=False)
    title = Column(String(150))
    email = Column(String(254), nullable=False)
    phone = Column(String(40))
    language = Column(choice_column_type(Language), nullable=False, default=Language.fi)
    receives_requests = Column(Boolean, nullable=False, default=False)
    is_active = Column(Boolean, nullable=False, default=True)
    # When the person's data was erased or anonymised; names and contact
    # details are blank from then on.
    erased_on = Column(DateTime)

    organisation = relationship("Organisation", back_populates="contact_people")

    @property
    def full_name(self) -> str:
        if self.erased_on is not None:
            return str(ERASED_PERSON)
        return f"{self.first_name} {self.last_name}"

    def __str__(self) -> str:
        return f"{self.full_name} ({self.organisation})"


class Trainer(RecordHistory, Model):
    """A person who teaches on behalf of a training provider."""

    __tablename__ = "trainer"

    id = Column(Integer, primary_key=True)
    provider_id = Column(
        Integer, ForeignKey("organisation.id"), nullable=False, index=True
    )
    first_name = Column(String(100), nullable=False)
    last_name = Column(String(100), nullable=False)
    email = Column(String(254))
    phone = Column(String(40))
    expertise = Column(Text)
    # When the person's data was erased or anonymised; names and contact
    # details are blank from then on.
    erased_on = Column(DateTime)

    provider = relationship("Organisation", back_populates="trainers")

    @property
    def full_name(self) -> str:
        if self.erased_on is not None:
            return str(ERASED_PERSON)
        return f"{self.first_name} {self.last_name}"

    def __str__(self) -> str:
        return self.full_name
