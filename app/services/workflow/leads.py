"""Leads: contacted, then qualified for a needs assessment, or dropped."""

import logging

from flask_babel import lazy_gettext as _l

from app.models import Lead, LeadStatus
from app.security.viewer import Viewer
from app.services.workflow.errors import TransitionRefusedError

logger = logging.getLogger(__name__)

OPEN = (LeadStatus.new, LeadStatus.contacted)


def mark_contacted(lead: Lead, viewer: Viewer) -> None:
    if lead.status is not LeadStatus.new:
        raise TransitionRefusedError(_l("Only a new lead can be marked contacted."))
    lead.status = LeadStatus.contacted
    logger.info("Lead %s contacted by user %s", lead.id, viewer.user_id)


def qualify(lead: Lead, viewer: Viewer) -> None:
    if lead.status not in OPEN:
        raise TransitionRefusedError(_l("Only an open lead can be qualified."))
    lead.status = LeadStatus.qualified
    lead.next_follow_up_on = None
    logger.info("Lead %s qualified by user %s", lead.id, viewer.user_id)


def drop(lead: Lead, viewer: Viewer) -> None:
    if lead.status not in OPEN:
        raise TransitionRefusedError(_l("Only an open lead can be dropped."))
    if not (lead.drop_reason or "").strip():
        raise TransitionRefusedError(
            _l("Write the reason for dropping the lead first, then drop it.")
        )
    lead.status = LeadStatus.dropped
    lead.next_follow_up_on = None
    logger.info("Lead %s dropped by user %s", lead.id, viewer.user_id)
