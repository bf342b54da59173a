"""A survey's results: counted and averaged in the database, shown only once
enough people have answered that no single answer can be told apart."""

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import case, func

from app.extensions import db
from app.models import (
    FeedbackAnswer,
    FeedbackSurvey,
    FeedbackValue,
    QuestionKind,
    QuestionSet,
    SurveyQuestion,
)
from app.security.row_rules import read_condition
from app.security.viewer import Viewer

# Fewer answers than this and the results stay hidden.
MIN_ANSWERS = 3


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answers: int = 0
    average: Decimal | None = None
    # score → how many gave it, for every score of the scale
    distribution: dict[int, int] = field(default_factory=dict)
    # promoters' share minus detractors' share, for the 0–10 question
    recommendation_score: int | None = None
    texts: list[str] = field(default_factory=list)


@dataclass
class SurveyResults:
    survey: FeedbackSurvey
    answers: int
    questions: list[QuestionResult] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.answers >= MIN_ANSWERS


def default_question_set() -> QuestionSet:
    """The set a new survey asks; the migration that made question sets made
    the first default one."""
    return db.session.scalars(
        db.select(QuestionSet)
        .order_by(QuestionSet.is_default.desc(), QuestionSet.id)
        .limit(1)
    ).one()


def survey_results(survey_id: int | str) -> SurveyResults | None:
    """The results of a survey the current user may read, or None."""
    viewer = Viewer.current()
    survey = db.session.scalar(
        db.select(FeedbackSurvey).where(
            FeedbackSurvey.id == int(survey_id),
            read_condition(FeedbackSurvey, viewer),
        )
    )
    if survey is None:
        return None
    answers = db.session.scalar(
        db.select(func.count(FeedbackAnswer.id)).where(
            FeedbackAnswer.survey_id == survey.id
        )
    )
    results = SurveyResults(survey, answers)
    if results.shown:
        results.questions = _question_results(survey)
    return results


def _question_results(survey: FeedbackSurvey) -> list[QuestionResult]:
    of_survey = FeedbackValue.answer.has(FeedbackAnswer.survey_id == survey.id)
    by_question = {q.id: QuestionResult(q) for q in survey.question_set.questions}
    for question_id, count, average, promoters, detractors in db.session.execute(
        db.select(
            FeedbackValue.question_id,
            func.count(FeedbackValue.score),
            func.avg(FeedbackValue.score),
            func.sum(case((FeedbackValue.score >= 9, 1), else_=0)),
            func.sum(case((FeedbackValue.score <= 6, 1), else_=0)),
        )
        .where(of_survey, FeedbackValue.score.is_not(None))
        .group_by(FeedbackValue.question_id)
    ):
        result = by_question.get(question_id)
        if result is None:
            continue
        result.answers = count
        result.average = Decimal(str(average)).quantize(Decimal("0.1"))
        if result.question.kind is QuestionKind.recommendation and count:
            result.recommendation_score = round(100 * (promoters - detractors) / count)
    for question_id, score, count in db.session.execute(
        db.select(FeedbackValue.question_id, FeedbackValue.score, func.count())
        .where(of_survey, FeedbackValue.score.is_not(None))
        .group_by(FeedbackValue.question_id, FeedbackValue.score)
    ):
        if question_id in by_question:
            by_question[question_id].distribution[score] = count
    for result in by_question.values():
        if result.question.scale:
            low, high = result.question.scale
            result.distribution = {
                score: result.distribution.get(score, 0)
                for score in range(low, high + 1)
            }
    # Texts in alphabetical order, so that their order tells nothing of who
    # answered when.
    for question_id, text in db.session.execute(
        db.select(FeedbackValue.question_id, FeedbackValue.text)
        .where(of_survey, FeedbackValue.text.is_not(None))
        .order_by(FeedbackValue.text)
    ):
        if question_id in by_question:
            by_question[question_id].texts.append(text)
            by_question[question_id].answers += 1
    return list(by_question.values())
