"""Offers (tarjoukset) to a request for quotation, alone or as a consortium."""

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import relationship

from app.models.choices import Choice, choice_column_type
from app.models.history import RecordHistory


class OfferStatus(Choice):
    draft = _l("Draft")
    submitted = _l("Submitted")
    withdrawn = _l("Withdrawn")
    superseded = _l("Replaced by a newer version")
    accepted = _l("Accepted")
    rejected = _l("Not chosen")


class Offer(RecordHistory, Model):
    """A lead provider's offer. A new version is a new row with a higher
    version number; the highest submitted version is the one that counts."""

    __tablename__ = "offer"
    __table_args__ = (
        CheckConstraint("price >= 0", name="ck_offer_price"),
        CheckConstraint("vat_rate >= 0 AND vat_rate <= 100", name="ck_offer_vat"),
        CheckConstraint("version >= 1", name="ck_offer_version"),
        UniqueConstraint(
            "request_id", "lead_provider_id", "version", name="uq_offer_version"
        ),
    )

    id = Column(Integer, primary_key=True)
    request_id = Column(
        Integer, ForeignKey("request_for_quotation.id"), nullable=False, index=True
    )
    lead_provider_id = Column(
        Integer, ForeignKey("organisation.id"), nullable=False, index=True
    )
    content = Column(Text, nullable=False)
    price = Column(Numeric(12, 2), nullable=False)
    vat_rate = Column(Numeric(5, 2), nullable=False, default=0)
    valid_until = Column(Date, nullable=False)
    version = Column(Integer, nullable=False, default=1)
    status = Column(
        choice_column_type(OfferStatus),
        nullable=False,
        default=OfferStatus.draft,
        index=True,
    )
    submitted_on = Column(DateTime)

    request = relationship("RequestForQuotation", back_populates="offers")
    lead_provider = relationship("Organisation")
    members = relationship(
        "ConsortiumMember", back_populates="offer", cascade="all, delete-orphan"
    )
    secrets = relationship(
        "OfferSecret", back_populates="offer", cascade="all, delete-orphan"
    )

    @property
    def is_consortium(self) -> bool:
        return bool(self.members)

    def __str__(self) -> str:
        return f"{self.request.reference} / {self.lead_provider} v{self.version}"


class ConsortiumMember(RecordHistory, Model):
    """A member provider of a consortium offer, with its part and share; the
    member confirms its part in its own login."""

    __tablename__ = "consortium_member"
    __table_args__ = (
        CheckConstraint(
            "share_percent > 0 AND share_percent <= 100",
            name="ck_consortium_member_share",
        ),
        UniqueConstraint("offer_id", "provider_id", name="uq_consortium_member"),
    )

    id = Column(Integer, primary_key=True)
    offer_id = Column(
        Integer, ForeignKey("offer.id", ondelete="CASCADE"), nullable=False, index=True
    )
    provider_id = Column(Integer, ForeignKey("organisation.id"), nullable=False)
    part = Column(Text, nullable=False)
    share_percent = Column(Numeric(5, 2), nullable=False)
    confirmed_on = Column(DateTime)

    offer = relationship("Offer", back_populates="members")
    provider = relationship("Organisation")

    def __str__(self) -> str:
        return f"{self.provider} {self.share_percent} %"


class OfferSecret(RecordHistory, Model):
    """A passage of an offer's texts that the provider marks as its business
    secret, with the reason; a public disclosure of the request hides it. The
    total price is never a business secret."""

    __tablename__ = "offer_secret"

    id = Column(Integer, primary_key=True)
    offer_id = Column(
        Integer, ForeignKey("offer.id", ondelete="CASCADE"), nullable=False, index=True
    )
    passage = Column(Text, nullable=False)
    reason = Column(Text, nullable=False)

    offer = relationship("Offer", back_populates="secrets")

    def __str__(self) -> str:
        return self.passage[:80]
