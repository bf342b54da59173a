"""Negative feedback: an answer with a low score opens a follow-up item for the
lead provider and tells the coordinator; the lead provider records how it was
handled and closes it."""

from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import FeedbackFollowUp, FeedbackSurvey, FollowUpStatus
from app.models.question_sets import NEGATIVE_AT_MOST
from app.security.viewer import Viewer
from app.services.clock import local_now
from app.services.workflow import announcements
from app.services.workflow.errors import TransitionRefusedError


def low_scores(values: dict) -> list[tuple]:
    """The (question, score) pairs at or below their kind's negative limit."""
    return [
        (question, score)
        for question, score in values.items()
        if question.kind in NEGATIVE_AT_MOST
        and isinstance(score, int)
        and score <= NEGATIVE_AT_MOST[question.kind]
    ]


def open_for_low_scores(
    survey: FeedbackSurvey, values: dict
) -> FeedbackFollowUp | None:
    """Open an item naming the low scores, if any: in Finnish, the working
    language of the coordinator and the providers, and without the answer or
    the person."""
    low = low_scores(values)
    if not low:
        return None
    findings = "\n".join(
        f"{question.text_fi} ({question.kind}): {score}" for question, score in low
    )
    follow_up = FeedbackFollowUp(survey=survey, findings=findings)
    db.session.add(follow_up)
    db.session.flush()
    announcements.negative_feedback(follow_up)
    return follow_up


def close(follow_up: FeedbackFollowUp, viewer: Viewer) -> int:
    """Close an item once its handling is written down."""
    if follow_up.status is not FollowUpStatus.open:
        raise TransitionRefusedError(_l("Only an open follow-up item can be closed."))
    if not (follow_up.handling or "").strip():
        raise TransitionRefusedError(
            _l("Write down how the feedback was handled, then close the item.")
        )
    follow_up.status = FollowUpStatus.closed
    follow_up.closed_on = local_now().date()
    return 0
