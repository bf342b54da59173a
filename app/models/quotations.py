"""Requests for quotation (tarjouspyynnöt) and their distribution to providers."""

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import relationship

from app.models.choices import Choice, choice_column_type
from app.models.history import RecordHistory


class SoughtDelivery(Choice):
    single_provider = _l("A single provider")
    consortium = _l("A consortium")
    either = _l("A single provider or a consortium")


class RequestStatus(Choice):
    draft = _l("Draft")
    published = _l("Published")
    closed = _l("Deadline passed")
    awarded = _l("Awarded")
    cancelled = _l("Cancelled")


def _link_table(name: str, left: str, right: str, right_table: str) -> Table:
    return Table(
        name,
        Model.metadata,
        Column(
            left,
            Integer,
            ForeignKey("request_for_quotation.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column(
            right,
            Integer,
            ForeignKey(f"{right_table}.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )


request_client_company = _link_table(
    "request_client_company", "request_id", "company_id", "organisation"
)
request_needs_assessment = _link_table(
    "request_needs_assessment", "request_id", "needs_assessment_id", "needs_assessment"
)
request_service_entity = _link_table(
    "request_service_entity", "request_id", "service_entity_id", "service_entity"
)


class RequestForQuotation(RecordHistory, Model):
    """A request for quotation written from one or more companies' needs. Several
    client companies on one request make a joint procurement."""

    __tablename__ = "request_for_quotation"
    __table_args__ = (
        CheckConstraint(
            "budget_min IS NULL OR budget_min >= 0", name="ck_request_budget_min"
        ),
        CheckConstraint(
            "budget_max IS NULL OR budget_min IS NULL OR budget_max >= budget_min",
            name="ck_request_budget_range",
        ),
    )

    id = Column(Integer, primary_key=True)
    reference = Column(String(30), nullable=False, unique=True)
    title = Column(String(200), nullable=False)
    description = Column(Text, nullable=False)
    expertise_sought = Column(Text, nullable=False)
    sought_delivery = Column(
        choice_column_type(SoughtDelivery),
        nullable=False,
        default=SoughtDelivery.either,
    )
    offer_deadline = Column(DateTime, nullable=False, index=True)
    budget_min = Column(Numeric(12, 2))
    budget_max = Column(Numeric(12, 2))
    status = Column(
        choice_column_type(RequestStatus),
        nullable=False,
        default=RequestStatus.draft,
        index=True,
    )
    published_on = Column(DateTime)

    client_companies = relationship("Organisation", secondary=request_client_company)
    needs_assessments = relationship(
        "NeedsAssessment", secondary=request_needs_assessment, backref="requests"
    )
    service_entities = relationship("ServiceEntity", secondary=request_service_entity)
    distributions = relationship(
        "RequestDistribution", back_populates="request", cascade="all, delete-orphan"
    )
    offers = relationship("Offer", back_populates="request")

    @property
    def is_joint_procurement(self) -> bool:
        return len(self.client_companies) > 1

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class RequestDistribution(RecordHistory, Model):
    """One provider's copy of a request: when it was sent, and a decline with
    its reason if the provider chose not to offer."""

    __tablename__ = "request_distribution"
    __table_args__ = (
        UniqueConstraint("request_id", "provider_id", name="uq_distribution_provider"),
    )

    id = Column(Integer, primary_key=True)
    request_id = Column(
        Integer,
        ForeignKey("request_for_quotation.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    provider_id = Column(Integer, ForeignKey("organisation.id"), nullable=False)
    sent_on = Column(DateTime, nullable=False)
    declined_on = Column(DateTime)
    decline_reason = Column(Text)

    request = relationship("RequestForQuotation", back_populates="distributions")
    provider = relationship("Organisation")

    def __str__(self) -> str:
        return f"{self.request.reference} → {self.provider}"
