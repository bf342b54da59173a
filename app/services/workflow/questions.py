"""Questions on a request: asked by a provider before the deadline, answered by
the coordinator and published to all providers of the request at once."""

import logging

from flask_babel import lazy_gettext as _l

from app.models import RequestQuestion, RequestStatus
from app.security.viewer import Viewer
from app.services.clock import local_now
from app.services.workflow import announcements
from app.services.workflow.errors import TransitionRefusedError

logger = logging.getLogger(__name__)


def ask(question: RequestQuestion, viewer: Viewer) -> None:
    """Fill in who asks and when; only while the request takes offers."""
    request = question.request
    if request is None or request.status is not RequestStatus.published:
        raise TransitionRefusedError(
            _l("Questions can be asked on published requests only.")
        )
    if request.offer_deadline <= local_now():
        raise TransitionRefusedError(
            _l("The offer deadline has passed: questions can no longer be asked.")
        )
    question.provider_id = viewer.organisation_id
    question.asked_on = local_now()


def publish_answer(question: RequestQuestion, viewer: Viewer) -> int:
    """Publish the coordinator's answer to every provider of the request."""
    if question.published_on is not None:
        raise TransitionRefusedError(_l("The answer has already been published."))
    if not (question.answer or "").strip():
        raise TransitionRefusedError(_l("Write the answer first, then publish it."))
    question.published_on = local_now()
    logger.info(
        "Answer to question %s published by user %s", question.id, viewer.user_id
    )
    return announcements.answer_published(question)
