"""Invoices of a delivery, their lines, and the coordinator's commission rules."""

from decimal import Decimal

from flask_appbuilder import Model
from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import relationship

from app.models.choices import choice_column_type
from app.models.history import RecordHistory
from app.models.invoice_choices import InvoiceKind, InvoiceStatus


class Invoice(RecordHistory, Model):
    """An interim or final invoice from the lead provider to a client."""

    __tablename__ = "invoice"
    __table_args__ = (CheckConstraint("due_on >= issued_on", name="ck_invoice_due"),)

    id = Column(Integer, primary_key=True)
    number = Column(String(30), nullable=False, unique=True)
    contract_id = Column(
        Integer, ForeignKey("service_contract.id"), nullable=False, index=True
    )
    milestone_id = Column(Integer, ForeignKey("invoicing_milestone.id"))
    company_id = Column(Integer, ForeignKey("organisation.id"), nullable=False)
    kind = Column(choice_column_type(InvoiceKind), nullable=False)
    issued_on = Column(Date, nullable=False)
    due_on = Column(Date, nullable=False)
    status = Column(
        choice_column_type(InvoiceStatus), nullable=False, default=InvoiceStatus.draft
    )

    contract = relationship("ServiceContract", back_populates="invoices")
    milestone = relationship("InvoicingMilestone", back_populates="invoices")
    company = relationship("Organisation")
    lines = relationship(
        "InvoiceLine",
        back_populates="invoice",
        cascade="all, delete-orphan",
        order_by="InvoiceLine.id",
    )

    @property
    def net_total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))

    @property
    def vat_total(self) -> Decimal:
        return sum((line.vat for line in self.lines), Decimal("0.00"))

    @property
    def gross_total(self) -> Decimal:
        return self.net_total + self.vat_total

    def __str__(self) -> str:
        return self.number


class InvoiceLine(RecordHistory, Model):
    """A line of an invoice: the training itself (often VAT-exempt) or another
    charge such as materials or travel (at the general rate)."""

    __tablename__ = "invoice_line"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="ck_invoice_line_amount"),
        CheckConstraint(
            "vat_rate >= 0 AND vat_rate <= 100", name="ck_invoice_line_vat"
        ),
    )

    id = Column(Integer, primary_key=True)
    invoice_id = Column(
        Integer,
        ForeignKey("invoice.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    description = Column(String(300), nullable=False)
    # Without VAT.
    amount = Column(Numeric(12, 2), nullable=False)
    vat_rate = Column(Numeric(5, 2), nullable=False, default=0)

    invoice = relationship("Invoice", back_populates="lines")

    @property
    def vat(self) -> Decimal:
        return (self.amount * self.vat_rate / 100).quantize(Decimal("0.01"))

    def __str__(self) -> str:
        return self.description


class CommissionRule(RecordHistory, Model):
    """The coordinator's commission as a percentage of the contract value. A rule
    may be limited to one service entity or one provider; the most specific
    valid rule applies."""

    __tablename__ = "commission_rule"
    __table_args__ = (
        CheckConstraint(
            "percentage >= 0 AND percentage <= 100", name="ck_commission_percentage"
        ),
        CheckConstraint(
            "valid_until IS NULL OR valid_until >= valid_from",
            name="ck_commission_validity",
        ),
    )

    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False)
    percentage = Column(Numeric(5, 2), nullable=False)
    service_entity_id = Column(Integer, ForeignKey("service_entity.id"))
    provider_id = Column(Integer, ForeignKey("organisation.id"))
    valid_from = Column(Date, nullable=False)
    valid_until = Column(Date)
    notes = Column(Text)

    service_entity = relationship("ServiceEntity")
    provider = relationship("Organisation")

    def __str__(self) -> str:
        return f"{self.name} {self.percentage} %"
