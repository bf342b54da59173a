"""Workflow steps as actions on the show pages: run the step, commit it with its
emails, and say what happened."""

from flask import flash, redirect, url_for

from app.extensions import db
from app.security.viewer import Viewer
from app.services.workflow.errors import TransitionRefusedError
from app.services.workflow.transactions import commit_and_send


class WorkflowSteps:
    """Mixin for model views whose records move along the service path.

    ``step_offered`` maps an action's name to a test of the record: the show
    page offers the step only where the test passes (the step itself still
    checks everything when it runs). FAB already hides the steps of other roles.
    """

    step_offered: dict = {}

    def _get_show_widget(self, pk, item, widgets=None, actions=None, **more):
        offered = {
            name: step
            for name, step in (actions or self.actions).items()
            if self.step_offered.get(name, lambda record: True)(item)
        }
        widgets = super()._get_show_widget(pk, item, widgets=widgets, **more)
        widgets["show"].template_args["actions"] = offered
        return widgets

    def take_step(self, item, step, done_message, then=None):
        """Run ``step(item, viewer)``; on refusal nothing is changed and the
        reason is shown. The user returns to the record, or to ``then(result)``."""
        try:
            result = step(item, Viewer.current())
        except TransitionRefusedError as refusal:
            db.session.rollback()
            flash(str(refusal), "danger")
            return redirect(url_for(f"{type(self).__name__}.show", pk=item.id))
        commit_and_send()
        flash(str(done_message), "success")
        if then is not None:
            return redirect(then(result))
        return redirect(url_for(f"{type(self).__name__}.show", pk=item.id))
