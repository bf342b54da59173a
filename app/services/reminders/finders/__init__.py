"""What each reminder rule finds due on a day, and for whom.

A finder looks back as well as at the day itself: a reminder whose day passed
while the scheduler was down is still found (up to ``LOOKBACK_DAYS``), and its
key, which holds the due date, makes sure it is sent once.
"""

from app.models import ReminderKind
from app.services.reminders.finders import delivery, sales, steering

FINDERS = {
    ReminderKind.offer_deadline_approaching: sales.offer_deadline_approaching,
    ReminderKind.offer_deadline_passed: sales.offer_deadline_passed,
    ReminderKind.lead_follow_up: sales.lead_follow_up,
    ReminderKind.agreement_expiring: sales.agreement_expiring,
    ReminderKind.plan_missing: delivery.plan_missing,
    ReminderKind.feedback_due: delivery.feedback_due,
    ReminderKind.feedback_not_answered: delivery.feedback_not_answered,
    ReminderKind.invoicing_due: delivery.invoicing_due,
    ReminderKind.closing_report_due: delivery.closing_report_due,
    ReminderKind.follow_up_survey: delivery.follow_up_survey,
    ReminderKind.steering_meeting: steering.steering_meeting,
}
