"""Feedback surveys of a delivery and their answers."""

import secrets

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
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import relationship

from app.models.choices import Choice, choice_column_type
from app.models.history import RecordHistory, utc_now


class SurveyKind(Choice):
    interim = _l("Interim feedback")
    final = _l("Final feedback")


def new_invitation_token() -> str:
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
    question_set_id = Column(Integer, ForeignKey("question_set.id"), nullable=False)

    contract = relationship("ServiceContract", back_populates="surveys")
    question_set = relationship("QuestionSet")
    answers = relationship(
        "FeedbackAnswer", back_populates="survey", cascade="all, delete-orphan"
    )
    invitations = relationship(
        "SurveyInvitation", back_populates="survey", cascade="all, delete-orphan"
    )

    def __str__(self) -> str:
        return f"{self.contract.number} {self.kind}"


class FeedbackAnswer(RecordHistory, Model):
    """One answer to a survey: a value for each question. Answers are
    anonymous: nothing links an answer to the invitation it came through."""

    __tablename__ = "feedback_answer"

    id = Column(Integer, primary_key=True)
    survey_id = Column(
        Integer,
        ForeignKey("feedback_survey.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    answered_on = Column(DateTime)

    survey = relationship("FeedbackSurvey", back_populates="answers")
    values = relationship(
        "FeedbackValue", back_populates="answer", cascade="all, delete-orphan"
    )

    def __str__(self) -> str:
        return f"{self.survey} #{self.id}"


class FeedbackValue(Model):
    """The answer to one question: a number on its scale or a text."""

    __tablename__ = "feedback_value"
    __table_args__ = (
        CheckConstraint(
            "score IS NULL OR (score >= 0 AND score <= 10)",
            name="ck_feedback_value_score",
        ),
        UniqueConstraint("answer_id", "question_id"),
    )

    id = Column(Integer, primary_key=True)
    answer_id = Column(
        Integer,
        ForeignKey("feedback_answer.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    question_id = Column(
        Integer, ForeignKey("survey_question.id"), nullable=False, index=True
    )
    score = Column(Integer)
    text = Column(Text)

    answer = relationship("FeedbackAnswer", back_populates="values")
    question = relationship("SurveyQuestion")


class SurveyInvitation(Model):
    """A personal link to a survey for one participant or one client contact.
    It can be answered once; it records that the person answered, not what or
    when (so it keeps no change stamps)."""

    __tablename__ = "survey_invitation"
    __table_args__ = (
        CheckConstraint(
            "(participant_id IS NULL) <> (contact_person_id IS NULL)",
            name="ck_survey_invitation_invitee",
        ),
        UniqueConstraint("survey_id", "participant_id"),
        UniqueConstraint("survey_id", "contact_person_id"),
    )

    id = Column(Integer, primary_key=True)
    survey_id = Column(
        Integer,
        ForeignKey("feedback_survey.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    participant_id = Column(Integer, ForeignKey("participant.id", ondelete="CASCADE"))
    contact_person_id = Column(
        Integer, ForeignKey("contact_person.id", ondelete="CASCADE")
    )
    token = Column(
        String(64), nullable=False, unique=True, default=new_invitation_token
    )
    created_on = Column(DateTime, nullable=False, default=utc_now)
    # Whether the link was used, not when: a time could tie it to the answer.
    answered = Column(Boolean, nullable=False, default=False)

    survey = relationship("FeedbackSurvey", back_populates="invitations")
    participant = relationship("Participant")
    contact_person = relationship("ContactPerson")

    @property
    def invitee(self):
        return self.participant or self.contact_person

    def __str__(self) -> str:
        return f"{self.survey} – {self.invitee}"
