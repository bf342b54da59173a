"""Feedback surveys of a delivery and their answers."""

import secrets

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import relationship

from app.models.choices import Choice, choice_column_type
from app.models.history import RecordHistory


class SurveyKind(Choice):
    interim = _l("Interim feedback")
    final = _l("Final feedback")


def new_answer_token() -> str:
    return secrets.token_urlsafe(24)


class FeedbackSurvey(RecordHistory, Model):
    """An interim or final survey of one delivery, open for a period."""

    __tablename__ = "feedback_survey"
    __table_args__ = (
        CheckConstraint("closes_on >= opens_on", name="ck_feedback_survey_period"),
    )

    id = Column(Integer, primary_key=True)
    contract_id = Column(
        Integer, ForeignKey("service_contract.id"), nullable=False, index=True
    )
    kind = Column(choice_column_type(SurveyKind), nullable=False)
    opens_on = Column(Date, nullable=False)
    closes_on = Column(Date, nullable=False)

    contract = relationship("ServiceContract", back_populates="surveys")
    answers = relationship(
        "FeedbackAnswer", back_populates="survey", cascade="all, delete-orphan"
    )

    def __str__(self) -> str:
        return f"{self.contract.number} {self.kind}"


class FeedbackAnswer(RecordHistory, Model):
    """One answer to a survey. Answers are anonymous: the token lets a
    respondent answer once, but the answer does not name the person."""

    __tablename__ = "feedback_answer"
    __table_args__ = (
        CheckConstraint(
            "overall_rating IS NULL OR (overall_rating >= 1 AND overall_rating <= 5)",
            name="ck_feedback_answer_rating",
        ),
        CheckConstraint(
            "recommendation IS NULL OR (recommendation >= 0 AND recommendation <= 10)",
            name="ck_feedback_answer_recommendation",
        ),
    )

    id = Column(Integer, primary_key=True)
    survey_id = Column(
        Integer,
        ForeignKey("feedback_survey.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    token = Column(String(64), nullable=False, unique=True, default=new_answer_token)
    answered_on = Column(DateTime)
    overall_rating = Column(Integer)
    recommendation = Column(Integer)
    comment = Column(Text)

    survey = relationship("FeedbackSurvey", back_populates="answers")

    def __str__(self) -> str:
        return f"{self.survey} #{self.id}"
