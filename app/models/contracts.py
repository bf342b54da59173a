"""Service contracts (palvelusopimukset): an accepted offer made binding."""

import secrets

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
)
from sqlalchemy.orm import relationship

from app.models.choices import Choice, choice_column_type
from app.models.history import RecordHistory


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class ContractStatus(Choice):
    signed = _l("Signed")
    in_preparation = _l("In preparation")
    in_delivery = _l("In delivery")
    delivered = _l("Delivered")
    closed = _l("Closed")
    terminated = _l("Terminated")


class ServiceContract(RecordHistory, Model):
    """The contract between the client companies of a request and the consortium
    of the accepted offer. The delivery of the training hangs from it."""

    __tablename__ = "service_contract"
    __table_args__ = (
        CheckConstraint("value >= 0", name="ck_service_contract_value"),
        CheckConstraint(
            "end_date IS NULL OR end_date >= start_date",
            name="ck_service_contract_dates",
        ),
    )

    id = Column(Integer, primary_key=True)
    number = Column(String(30), nullable=False, unique=True)
    offer_id = Column(Integer, ForeignKey("offer.id"), nullable=False, unique=True)
    signed_on = Column(Date, nullable=False)
    start_date = Column(Date, nullable=False)
    end_date = Column(Date)
    value = Column(Numeric(12, 2), nullable=False)
    status = Column(
        choice_column_type(ContractStatus),
        nullable=False,
        default=ContractStatus.signed,
        index=True,
    )

    # The Helsinki date the service was closed; participants' personal data is
    # anonymised a set time after it.
    closed_on = Column(Date)
    # The coordinator's commission, fixed when the contract is made from the
    # commission rule that applied then.
    commission_rule_id = Column(Integer, ForeignKey("commission_rule.id"))
    commission_percent = Column(Numeric(5, 2))
    commission_amount = Column(Numeric(12, 2))
    # The secret of the sessions' calendar feed, for trainers and the client.
    calendar_token = Column(
        String(64), nullable=False, unique=True, default=new_calendar_token
    )

    offer = relationship("Offer")
    commission_rule = relationship("CommissionRule")
    plan = relationship("ImplementationPlan", back_populates="contract", uselist=False)
    participants = relationship("Participant", back_populates="contract")
    surveys = relationship("FeedbackSurvey", back_populates="contract")
    invoices = relationship("Invoice", back_populates="contract")
    closing_report = relationship(
        "ClosingReport", back_populates="contract", uselist=False
    )

    @property
    def request(self):
        return self.offer.request

    @property
    def lead_provider(self):
        return self.offer.lead_provider

    def __str__(self) -> str:
        return f"{self.number} {self.offer.request.title}"
