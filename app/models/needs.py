"""Needs assessments (palvelukartoitus): a company's competence needs in words."""

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    Table,
    Text,
)
from sqlalchemy.orm import relationship

from app.models.choices import Choice, choice_column_type
from app.models.history import RecordHistory


class NeedStatus(Choice):
    open = _l("Open")
    in_request = _l("In a request for quotation")
    fulfilled = _l("Fulfilled")
    withdrawn = _l("Withdrawn")


needs_assessment_service_entity = Table(
    "needs_assessment_service_entity",
    Model.metadata,
    Column(
        "needs_assessment_id",
        Integer,
        ForeignKey("needs_assessment.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "service_entity_id",
        Integer,
        ForeignKey("service_entity.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)

needs_assessment_funding_option = Table(
    "needs_assessment_funding_option",
    Model.metadata,
    Column(
        "needs_assessment_id",
        Integer,
        ForeignKey("needs_assessment.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "funding_option_id",
        Integer,
        ForeignKey("funding_option.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)


class NeedsAssessment(RecordHistory, Model):
    """What a company needs to learn, for how many people, when, and with what
    money; linked to the service entities of the menu that could answer it."""

    __tablename__ = "needs_assessment"
    __table_args__ = (
        CheckConstraint("people_count > 0", name="ck_needs_assessment_people"),
        CheckConstraint(
            "budget IS NULL OR budget >= 0", name="ck_needs_assessment_budget"
        ),
        CheckConstraint(
            "timing_end IS NULL OR timing_start IS NULL OR timing_end >= timing_start",
            name="ck_needs_assessment_timing",
        ),
    )

    id = Column(Integer, primary_key=True)
    company_id = Column(
        Integer, ForeignKey("organisation.id"), nullable=False, index=True
    )
    lead_id = Column(Integer, ForeignKey("lead.id"))
    assessed_on = Column(Date, nullable=False)
    competence_needs = Column(Text, nullable=False)
    people_count = Column(Integer, nullable=False)
    timing_start = Column(Date)
    timing_end = Column(Date)
    budget = Column(Numeric(12, 2))
    funding_interest = Column(Boolean, nullable=False, default=False)
    status = Column(
        choice_column_type(NeedStatus),
        nullable=False,
        default=NeedStatus.open,
        index=True,
    )

    company = relationship("Organisation")
    lead = relationship("Lead")
    service_entities = relationship(
        "ServiceEntity", secondary=needs_assessment_service_entity
    )
    funding_options = relationship(
        "FundingOption", secondary=needs_assessment_funding_option
    )

    def __str__(self) -> str:
        return f"{self.company} {self.assessed_on:%d.%m.%Y}"
