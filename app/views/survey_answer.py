"""The public survey page: a participant or a client contact answers a feedback
survey through a personal link, without an account."""

from flask import abort, render_template
from flask_appbuilder import BaseView, expose
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import Length, StopValidation

from app.extensions import db
from app.services.clock import local_now
from app.services.workflow import surveys
from app.services.workflow.errors import TransitionRefusedError

COMMENT_MAX_LENGTH = 4000


class ScaleField(RadioField):
    """A choice on a number scale. A missing, unknown or non-numeric value gets
    one message that names the scale."""

    def __init__(self, label, low: int, high: int, message, **options) -> None:
        choices = [(value, str(value)) for value in range(low, high + 1)]
        super().__init__(
            label, choices=choices, coerce=int, validate_choice=False, **options
        )
        self.low, self.high, self.message = low, high, message

    def process_formdata(self, valuelist) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None

    def pre_validate(self, form) -> None:
        if self.data is None or not self.low <= self.data <= self.high:
            raise StopValidation(self.message)


class SurveyAnswerForm(FlaskForm):
    overall_rating = ScaleField(
        _l("How satisfied are you with the training? (1 = not at all, 5 = very)"),
        1,
        5,
        _l("Choose a rating from 1 to 5."),
    )
    recommendation = ScaleField(
        _l(
            "How likely would you recommend the training to a colleague? "
            "(0 = not at all, 10 = very likely)"
        ),
        0,
        10,
        _l("Choose a number from 0 to 10."),
    )
    comment = TextAreaField(
        _l("What should we keep or change? (optional)"),
        validators=[
            Length(
                max=COMMENT_MAX_LENGTH,
                message=_l(
                    "Shorten the comment to %(max)s characters.",
                    max=COMMENT_MAX_LENGTH,
                ),
            )
        ],
    )


class SurveyAnswerView(BaseView):
    """Open to anyone holding a link; the link's token is the only key."""

    route_base = "/feedback"
    default_view = "answer"

    @expose("/<token>", methods=["GET", "POST"])
    def answer(self, token: str):
        invitation = surveys.invitation_for(token)
        if invitation is None:
            abort(404)
        survey = invitation.survey
        try:
            surveys.check_open(invitation, local_now().date())
        except TransitionRefusedError as refusal:
            return self._page(survey, None, refusal=str(refusal)), 410
        form = SurveyAnswerForm()
        if not form.validate_on_submit():
            status = 422 if form.is_submitted() else 200
            return self._page(survey, form), status
        try:
            surveys.answer(
                invitation,
                form.overall_rating.data,
                form.recommendation.data,
                (form.comment.data or "").strip(),
            )
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
