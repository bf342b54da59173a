"""Preparing and delivering a service (steps 6 and 7): the implementation plan,
its sessions, interim feedback points and invoicing milestones, and the
participants."""

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import relationship

from app.models.choices import Choice, Language, choice_column_type
from app.models.history import RecordHistory
from app.models.invoice_choices import InvoiceKind, InvoiceStatus, MilestoneStatus
from app.models.organisations import ERASED_PERSON


class PlanStatus(Choice):
    draft = _l("Draft")
    agreed = _l("Agreed with the client")


class ImplementationPlan(RecordHistory, Model):
    """The lead provider's plan, agreed with the client, for delivering a
    contract."""

    __tablename__ = "implementation_plan"

    id = Column(Integer, primary_key=True)
    contract_id = Column(
        Integer, ForeignKey("service_contract.id"), nullable=False, unique=True
    )
    competence_goals = Column(Text, nullable=False)
    contents = Column(Text, nullable=False)
    materials = Column(Text)
    status = Column(
        choice_column_type(PlanStatus), nullable=False, default=PlanStatus.draft
    )
    agreed_on = Column(Date)

    contract = relationship("ServiceContract", back_populates="plan")
    sessions = relationship(
        "TrainingSession",
        back_populates="plan",
        cascade="all, delete-orphan",
        order_by="TrainingSession.starts_at",
    )
    feedback_points = relationship(
        "FeedbackPoint", back_populates="plan", cascade="all, delete-orphan"
    )
    invoicing_milestones = relationship(
        "InvoicingMilestone", back_populates="plan", cascade="all, delete-orphan"
    )

    def __str__(self) -> str:
        return str(self.contract)


class TrainingSession(RecordHistory, Model):
    """One session of the training: when, where (or the online link) and who
    teaches it."""

    __tablename__ = "training_session"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ck_training_session_times"),
    )

    id = Column(Integer, primary_key=True)
    plan_id = Column(
        Integer,
        ForeignKey("implementation_plan.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    topic = Column(String(200), nullable=False)
    starts_at = Column(DateTime, nullable=False)
    ends_at = Column(DateTime, nullable=False)
    place = Column(String(200))
    online_link = Column(String(500))
    trainer_id = Column(Integer, ForeignKey("trainer.id"))

    plan = relationship("ImplementationPlan", back_populates="sessions")
    trainer = relationship("Trainer")

    def __str__(self) -> str:
        return f"{self.starts_at:%d.%m.%Y %H.%M} {self.topic}"


class FeedbackPoint(RecordHistory, Model):
    """A moment in the plan when interim feedback is collected."""

    __tablename__ = "feedback_point"

    id = Column(Integer, primary_key=True)
    plan_id = Column(
        Integer,
        ForeignKey("implementation_plan.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    due_on = Column(Date, nullable=False)
    description = Column(String(300), nullable=False)

    plan = relationship("ImplementationPlan", back_populates="feedback_points")

    def __str__(self) -> str:
        return f"{self.due_on:%d.%m.%Y} {self.description}"


class InvoicingMilestone(RecordHistory, Model):
    """A point of the plan at which the lead provider invoices the client."""

    __tablename__ = "invoicing_milestone"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="ck_invoicing_milestone_amount"),
        CheckConstraint(
            "vat_rate >= 0 AND vat_rate <= 100", name="ck_invoicing_milestone_vat"
        ),
    )

    id = Column(Integer, primary_key=True)
    plan_id = Column(
        Integer,
        ForeignKey("implementation_plan.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    kind = Column(choice_column_type(InvoiceKind), nullable=False)
    description = Column(String(300), nullable=False)
    due_on = Column(Date, nullable=False)
    # Without VAT; training is usually VAT-exempt (rate 0).
    amount = Column(Numeric(12, 2), nullable=False)
    vat_rate = Column(Numeric(5, 2), nullable=False, default=0)

    plan = relationship("ImplementationPlan", back_populates="invoicing_milestones")
    invoices = relationship("Invoice", back_populates="milestone")

    @property
    def invoicing_status(self):
        """Not invoiced, invoiced or paid, from its invoices (a cancelled one
        does not count)."""
        statuses = {
            invoice.status
            for invoice in self.invoices
            if invoice.status is not InvoiceStatus.cancelled
        }
        if not statuses:
            return MilestoneStatus.open
        if statuses == {InvoiceStatus.paid}:
            return MilestoneStatus.paid
        return MilestoneStatus.invoiced

    def __str__(self) -> str:
        return f"{self.due_on:%d.%m.%Y} {self.description}"


class Participant(RecordHistory, Model):
    """A person of a client company who takes part in a delivered training."""

    __tablename__ = "participant"

    id = Column(Integer, primary_key=True)
    contract_id = Column(
        Integer, ForeignKey("service_contract.id"), nullable=False, index=True
    )
    company_id = Column(Integer, ForeignKey("organisation.id"), nullable=False)
    first_name = Column(String(100), nullable=False)
    last_name = Column(String(100), nullable=False)
    email = Column(String(254))
    language = Column(choice_column_type(Language), nullable=False, default=Language.fi)
    completed = Column(Boolean, nullable=False, default=False)
    # When the person's data was erased or anonymised; names and contact
    # details are blank from then on.
    erased_on = Column(DateTime)

    contract = relationship("ServiceContract", back_populates="participants")
    company = relationship("Organisation")

    @property
    def full_name(self) -> str:
        if self.erased_on is not None:
            return str(ERASED_PERSON)
        return f"{self.first_name} {self.last_name}"

    def __str__(self) -> str:
        return self.full_name
