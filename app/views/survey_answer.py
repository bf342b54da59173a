"""The public survey page: a participant or a client contact answers a feedback
survey through a personal link, without an account, in their own language."""

from flask import abort, render_template, session
from flask_appbuilder import BaseView, expose
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import Length, Optional, StopValidation

from app.extensions import db
from app.models import QuestionKind
from app.models.choices import Language
from app.services.clock import local_now
from app.services.workflow import surveys
from app.services.workflow.errors import TransitionRefusedError
from app.views.language import CHOSEN, supported

COMMENT_MAX_LENGTH = 4000


class ScaleField(RadioField):
    """A choice on a number scale. A missing, unknown or non-numeric value gets
    one message that names the scale; an optional question may be left empty."""

    def __init__(self, label, low: int, high: int, required: bool, **options):
        choices = [(value, str(value)) for value in range(low, high + 1)]
        super().__init__(
            label, choices=choices, coerce=int, validate_choice=False, **options
        )
        self.low, self.high, self.required = low, high, required

    def process_formdata(self, valuelist) -> None:
        self.raw = valuelist[0] if valuelist else ""
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None

    def pre_validate(self, form) -> None:
        if not self.required and getattr(self, "raw", "") == "":
            self.data = None
            raise StopValidation()
        if self.data is None or not self.low <= self.data <= self.high:
            raise StopValidation(
                _l(
                    "Choose a number from %(low)s to %(high)s.",
                    low=self.low,
                    high=self.high,
                )
            )


def answer_form(questions, language):
    """A form with a field for each question of the set, worded in the
    respondent's language."""

    class SurveyAnswerForm(FlaskForm):
        pass

    for question in questions:
        label = question.text(language)
        if question.kind is QuestionKind.free_text:
            field = TextAreaField(
                label,
                validators=[
                    Optional(),
                    Length(
                        max=COMMENT_MAX_LENGTH,
                        message=_l(
                            "Shorten the answer to %(max)s characters.",
                            max=COMMENT_MAX_LENGTH,
                        ),
                    ),
                ],
            )
        else:
            low, high = question.scale
            field = ScaleField(label, low, high, question.required)
        setattr(SurveyAnswerForm, f"question_{question.id}", field)
    return SurveyAnswerForm()


class SurveyAnswerView(BaseView):
    """Open to anyone holding a link; the link's token is the only key."""

    route_base = "/feedback"
    default_view = "answer"

    @expose("/<token>", methods=["GET", "POST"])
    def answer(self, token: str):
        invitation = surveys.invitation_for(token)
        if invitation is None:
            abort(404)
        # The invitee's language, unless the visitor chose another one.
        chosen = session.get(CHOSEN)
        language = Language[chosen] if chosen in supported() else None
        language = language or invitation.invitee.language
        with force_locale(language.name):
            return self._answer(invitation, language)

    def _answer(self, invitation, language):
        survey = invitation.survey
        try:
            surveys.check_open(invitation, local_now().date())
        except TransitionRefusedError as refusal:
            return self._page(survey, None, refusal=str(refusal)), 410
        questions = survey.question_set.questions
        form = answer_form(questions, language)
        if not form.validate_on_submit():
            status = 422 if form.is_submitted() else 200
            return self._page(survey, form), status
        values = {}
        for question in questions:
            value = form[f"question_{question.id}"].data
            values[question] = value.strip() if isinstance(value, str) else value
        try:
            surveys.answer(invitation, values)
        except TransitionRefusedError as refusal:
            db.session.rollback()
            return self._page(survey, None, refusal=str(refusal)), 409
        db.session.commit()
        return self._page(survey, None, thanks=True)

    def _page(self, survey, form, refusal=None, thanks=False):
        return render_template(
            "operator/survey_answer.html",
            appbuilder=self.appbuilder,
            base_template=self.appbuilder.base_template,
            title=survey.contract.request.title,
            survey=survey,
            form=form,
            refusal=refusal,
            thanks=thanks,
        )
