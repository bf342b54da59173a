"""Reminders to the steering group."""

from collections.abc import Iterator
from datetime import date, datetime, time

from app.extensions import db
from app.models import ReminderRule, SteeringMeeting
from app.security.role_names import STEERING_GROUP
from app.services.reminders.due import DueReminder, due_on, users_in_role
from app.services.workflow.announcements import public_link


def steering_meeting(rule: ReminderRule, today: date) -> Iterator:
    """To every member of the steering group, before a meeting."""
    meetings = db.session.scalars(
        db.select(SteeringMeeting).where(
            SteeringMeeting.starts_at >= datetime.combine(today, time.min)
        )
    ).all()
    if not meetings:
        return
    members = users_in_role(STEERING_GROUP)
    for meeting in meetings:
        due = due_on(rule, meeting.starts_at.date())
        if due > today:
            continue
        link = public_link("SteeringMeetingView.show", pk=meeting.id)
        for member in members:
            yield DueReminder(
                f"meeting-{meeting.id}", due, member, link, {"meeting": meeting}
            )
