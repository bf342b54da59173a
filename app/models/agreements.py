"""Partnership agreements between the coordinator and each provider of the pool."""

from datetime import date

from flask_appbuilder import Model
from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    or_,
    select,
)
from sqlalchemy.orm import relationship

from app.models.history import RecordHistory

agreement_contact_person = Table(
    "agreement_contact_person",
    Model.metadata,
    Column(
        "agreement_id",
        Integer,
        ForeignKey("partnership_agreement.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "contact_person_id",
        Integer,
        ForeignKey("contact_person.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)


class PartnershipAgreement(RecordHistory, Model):
    """A provider's kumppanuussopimus: it makes the provider part of the pool
    while it is valid, and names who represents the provider."""

    __tablename__ = "partnership_agreement"
    __table_args__ = (
        CheckConstraint(
            "valid_until IS NULL OR valid_until >= valid_from",
            name="ck_partnership_agreement_validity",
        ),
    )

    id = Column(Integer, primary_key=True)
    provider_id = Column(
        Integer, ForeignKey("organisation.id"), nullable=False, index=True
    )
    signed_on = Column(Date, nullable=False)
    valid_from = Column(Date, nullable=False)
    valid_until = Column(Date)
    steering_group_member_id = Column(Integer, ForeignKey("contact_person.id"))
    document_reference = Column(String(200))
    notes = Column(Text)

    provider = relationship("Organisation")
    steering_group_member = relationship("ContactPerson")
    contact_people = relationship("ContactPerson", secondary=agreement_contact_person)

    @classmethod
    def providers_valid_on(cls, day: date):
        """A query of the providers whose agreement is valid on ``day``."""
        return select(cls.provider_id).where(
            cls.valid_from <= day,
            or_(cls.valid_until.is_(None), cls.valid_until >= day),
        )

    def __str__(self) -> str:
        return f"{self.provider} {self.valid_from:%d.%m.%Y}"
