"""Closing reports (step 8): the lead provider submits, the coordinator reviews
it together with the provider."""

from flask_babel import lazy_gettext as _l

from app.models import ClosingReport, ReportStatus
from app.security.viewer import Viewer
from app.services.clock import local_now
from app.services.workflow.errors import TransitionRefusedError


def submit(report: ClosingReport, viewer: Viewer) -> None:
    lead = report.contract.offer.lead_provider_id
    if not viewer.is_system and lead != viewer.organisation_id:
        raise TransitionRefusedError(
            _l("Only the lead provider of the delivery can do this.")
        )
    if report.status is not ReportStatus.draft:
        raise TransitionRefusedError(_l("Only a draft report can be submitted."))
    report.status = ReportStatus.submitted
    report.submitted_on = local_now().date()


def review(report: ClosingReport, viewer: Viewer) -> None:
    if report.status is not ReportStatus.submitted:
        raise TransitionRefusedError(_l("Only a submitted report can be reviewed."))
    report.status = ReportStatus.reviewed
    report.reviewed_on = local_now().date()
