"""Screens of the common feedback survey: the coordinator's question sets,
and the follow-up items that negative feedback opens."""

from flask_appbuilder.actions import action
from flask_babel import lazy_gettext as _l

from app.models import FeedbackFollowUp, FollowUpStatus, QuestionSet, SurveyQuestion
from app.services.workflow import follow_ups
from app.views.base import OperatorModelView, interface
from app.views.steps import WorkflowSteps


class SurveyQuestionView(OperatorModelView):
    datamodel = interface(SurveyQuestion)
    list_title = _l("Survey questions")
    show_title = _l("Survey question")
    add_title = _l("Add a survey question")
    edit_title = _l("Edit survey question")
    list_columns = ["question_set", "position", "kind", "text_fi", "required"]
    search_columns = ["question_set", "kind", "text_fi"]
    add_columns = edit_columns = [
        "question_set",
        "position",
        "kind",
        "text_fi",
        "text_sv",
        "text_en",
        "required",
    ]
    label_columns = {
        **OperatorModelView.label_columns,
        "question_set": _l("Question set"),
        "position": _l("Order"),
        "text_fi": _l("Question in Finnish"),
        "text_sv": _l("Question in Swedish"),
        "text_en": _l("Question in English"),
        "required": _l("Must be answered"),
    }
    base_order = ("position", "asc")


class QuestionSetView(OperatorModelView):
    datamodel = interface(QuestionSet)
    list_title = _l("Question sets")
    show_title = _l("Question set")
    add_title = _l("Add a question set")
    edit_title = _l("Edit question set")
    list_columns = ["name", "is_default"]
    search_columns = ["name"]
    add_columns = edit_columns = ["name", "is_default", "description"]
    label_columns = {
        **OperatorModelView.label_columns,
        "is_default": _l("Default for new surveys"),
    }
    related_views = [SurveyQuestionView]


class FeedbackFollowUpView(WorkflowSteps, OperatorModelView):
    datamodel = interface(FeedbackFollowUp)
    base_permissions = ["can_list", "can_show", "can_edit"]
    list_title = _l("Negative feedback")
    show_title = _l("Negative feedback follow-up")
    edit_title = _l("Record the handling")
    list_columns = ["survey", "status", "created_on", "closed_on"]
    show_columns = ["survey", "findings", "handling", "status", "closed_on"]
    edit_columns = ["handling"]
    search_columns = ["status", "created_on", "closed_on"]
    label_columns = {
        **OperatorModelView.label_columns,
        "findings": _l("Low scores"),
        "handling": _l("How the feedback was handled"),
    }
    step_offered = {"close_follow_up": lambda item: item.status is FollowUpStatus.open}
    base_order = ("created_on", "desc")

    @action("close_follow_up", _l("Close"), icon="fa-check", multiple=False)
    def close_follow_up(self, item):
        return self.take_step(item, follow_ups.close, _l("The follow-up is closed."))
