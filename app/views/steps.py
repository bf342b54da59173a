"""Workflow steps as actions on the show pages: run the step, commit it with its
emails, and say what happened."""

from flask import flash, redirect, url_for

from app.extensions import db
from app.services.workflow.errors import TransitionRefusedError
from app.services.workflow.transactions import commit_and_send


class WorkflowSteps:
    """Mixin for model views whose records move along the service path."""

    def take_step(self, item, step, done_message):
        """Run ``step(item)``; on refusal nothing is changed and the reason is
        shown. Either way the user returns to the record."""
        try:
            step(item)
        except TransitionRefusedError as refusal:
            db.session.rollback()
            flash(str(refusal), "danger")
        else:
            commit_and_send()
            flash(str(done_message), "success")
        return redirect(url_for(f"{type(self).__name__}.show", pk=item.id))
