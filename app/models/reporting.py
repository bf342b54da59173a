"""Closing reports (step 8), reviewed together with the coordinator."""

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, Date, ForeignKey, Integer, Text
from sqlalchemy.orm import relationship

from app.models.choices import Choice, choice_column_type
from app.models.history import RecordHistory


class ReportStatus(Choice):
    draft = _l("Draft")
    submitted = _l("Submitted")
    reviewed = _l("Reviewed with the coordinator")


class ClosingReport(RecordHistory, Model):
    """What was delivered, what the feedback said, and what the client may need
    next, which starts the path again."""

    __tablename__ = "closing_report"

    id = Column(Integer, primary_key=True)
    contract_id = Column(
        Integer, ForeignKey("service_contract.id"), nullable=False, unique=True
    )
    summary = Column(Text, nullable=False)
    feedback_analysis = Column(Text)
    lessons_learned = Column(Text)
    follow_up_needs = Column(Text)
    status = Column(
        choice_column_type(ReportStatus), nullable=False, default=ReportStatus.draft
    )
    submitted_on = Column(Date)
    reviewed_on = Column(Date)

    contract = relationship("ServiceContract", back_populates="closing_report")

    def __str__(self) -> str:
        return str(self.contract)
