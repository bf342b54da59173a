"""Negative feedback's follow-up: an item the lead provider handles and the
coordinator follows until it is closed."""

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, Date, ForeignKey, Integer, Text
from sqlalchemy.orm import relationship

from app.models.choices import Choice, choice_column_type
from app.models.history import RecordHistory


class FollowUpStatus(Choice):
    open = _l("Open")
    closed = _l("Closed")


class FeedbackFollowUp(RecordHistory, Model):
    """Opened by an answer with a low score. It names the scores, not the
    answer or the person, so that feedback stays anonymous."""

    __tablename__ = "feedback_follow_up"

    id = Column(Integer, primary_key=True)
    survey_id = Column(
        Integer,
        ForeignKey("feedback_survey.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    findings = Column(Text, nullable=False)
    handling = Column(Text)
    status = Column(
        choice_column_type(FollowUpStatus),
        nullable=False,
        default=FollowUpStatus.open,
        index=True,
    )
    closed_on = Column(Date)

    survey = relationship("FeedbackSurvey")

    @property
    def contract(self):
        return self.survey.contract

    def __str__(self) -> str:
        return f"{self.survey} – {self.status}"
