"""Questions and answers on requests for quotation."""

from flask_appbuilder.actions import action
from flask_babel import lazy_gettext as _l
from sqlalchemy import inspect

from app.models import RequestQuestion
from app.security.role_names import COORDINATOR
from app.security.viewer import Viewer
from app.services.workflow import questions
from app.services.workflow.errors import TransitionRefusedError
from app.views.base import OperatorModelView, interface
from app.views.steps import WorkflowSteps


class RequestQuestionView(WorkflowSteps, OperatorModelView):
    datamodel = interface(RequestQuestion)
    list_title = _l("Questions and answers")
    show_title = _l("Question")
    add_title = _l("Ask about a request")
    edit_title = _l("Edit question")
    list_columns = ["request", "question", "asked_on", "published_on"]
    # Who asked is not shown: every provider reads the same questions.
    show_columns = ["request", "question", "asked_on", "answer", "published_on"]
    search_columns = ["question", "answer", "asked_on", "published_on"]
    add_columns = ["request", "question"]
    edit_columns = ["question", "answer"]
    label_columns = {
        **OperatorModelView.label_columns,
        "question": _l("Question"),
        "answer": _l("Answer"),
        "asked_on": _l("Asked on"),
        "published_on": _l("Answer published on"),
    }
    base_order = ("asked_on", "desc")
    step_offered = {"publish_answer": lambda question: question.published_on is None}

    def pre_add(self, item: RequestQuestion) -> None:
        questions.ask(item, Viewer.current())

    def pre_update(self, item: RequestQuestion) -> None:
        answer_changed = inspect(item).attrs.answer.history.has_changes()
        if answer_changed and COORDINATOR not in Viewer.current().roles:
            raise TransitionRefusedError(_l("Only the coordinator answers questions."))

    @action(
        "publish_answer",
        _l("Publish the answer to all providers"),
        _l("Send the question and the answer to every provider of the request?"),
        "fa-bullhorn",
        multiple=False,
    )
    def publish_answer(self, question):
        return self.take_step(
            question,
            questions.publish_answer,
            _l("The answer was sent to every provider of the request."),
        )
