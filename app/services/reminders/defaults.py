"""The reminder rules a new installation starts with: their timing and their
words in Finnish, Swedish and English."""

from app.extensions import db
from app.models import ReminderKind, ReminderRule
from app.services.reminders.texts import letter

# Days before the date the reminder is about; negative is after it.
DEFAULT_OFFSETS = {
    ReminderKind.offer_deadline_approaching: 3,
    ReminderKind.offer_deadline_passed: 0,
    ReminderKind.lead_follow_up: 0,
    ReminderKind.plan_missing: -14,
    ReminderKind.feedback_due: 0,
    ReminderKind.feedback_not_answered: 3,
    ReminderKind.invoicing_due: 0,
    ReminderKind.closing_report_due: -14,
    ReminderKind.follow_up_survey: -180,
    ReminderKind.steering_meeting: 7,
    ReminderKind.agreement_expiring: 30,
}
LANGUAGES = ("fi", "sv", "en")


def ensure_default_rules() -> int:
    """Create the rules that do not exist yet and fill the texts left empty in
    existing ones; what the coordinator wrote stays. Returns how many rules
    were made."""
    rules = {rule.kind: rule for rule in db.session.scalars(db.select(ReminderRule))}
    made = 0
    for kind, offset in DEFAULT_OFFSETS.items():
        rule = rules.get(kind)
        if rule is None:
            rule = ReminderRule(kind=kind, offset_days=offset)
            db.session.add(rule)
            made += 1
        for language in LANGUAGES:
            subject, body = letter(kind, language)
            if not getattr(rule, f"subject_{language}"):
                setattr(rule, f"subject_{language}", subject)
            if not getattr(rule, f"body_{language}"):
                setattr(rule, f"body_{language}", body)
    db.session.commit()
    return made
