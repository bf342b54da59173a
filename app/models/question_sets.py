"""The common feedback survey's questions: sets of questions the coordinator
keeps in Finnish, Swedish and English, and that each survey asks."""

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

from app.models.choices import Choice, Language, choice_column_type
from app.models.history import RecordHistory


class QuestionKind(Choice):
    scale = _l("Scale 1–5")
    recommendation = _l("Recommendation 0–10")
    free_text = _l("Free text")


# The range of the numeric kinds, and what counts as negative feedback.
SCALES = {QuestionKind.scale: (1, 5), QuestionKind.recommendation: (0, 10)}
NEGATIVE_AT_MOST = {QuestionKind.scale: 2, QuestionKind.recommendation: 6}


class QuestionSet(RecordHistory, Model):
    """A set of questions. The default set is what a new survey asks."""

    __tablename__ = "question_set"

    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False, unique=True)
    is_default = Column(Boolean, nullable=False, default=False)
    description = Column(Text)

    questions = relationship(
        "SurveyQuestion",
        back_populates="question_set",
        cascade="all, delete-orphan",
        order_by="SurveyQuestion.position",
    )

    def __str__(self) -> str:
        return self.name


class SurveyQuestion(RecordHistory, Model):
    """One question of a set, worded in three languages."""

    __tablename__ = "survey_question"

    id = Column(Integer, primary_key=True)
    question_set_id = Column(
        Integer,
        ForeignKey("question_set.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    position = Column(Integer, nullable=False, default=1)
    kind = Column(choice_column_type(QuestionKind), nullable=False)
    text_fi = Column(String(500), nullable=False)
    text_sv = Column(String(500), nullable=False)
    text_en = Column(String(500), nullable=False)
    required = Column(Boolean, nullable=False, default=True)

    question_set = relationship("QuestionSet", back_populates="questions")

    def text(self, language: Language | str) -> str:
        code = getattr(language, "name", language)
        return getattr(self, f"text_{code}", None) or self.text_fi

    @property
    def scale(self) -> tuple[int, int] | None:
        return SCALES.get(self.kind)

    def __str__(self) -> str:
        return f"{self.position}. {self.text_fi}"
