"""Reminder rules: what the scheduler reminds of, when, to whom and in which
words. The coordinator sees and changes them on their own screen."""

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Column, Integer, String, Text

from app.models.choices import Choice, Language, choice_column_type
from app.models.history import RecordHistory


class ReminderKind(Choice):
    offer_deadline_approaching = _l(
        "Offer deadline approaching, to providers that have neither offered nor "
        "declined"
    )
    offer_deadline_passed = _l(
        "Offer deadline passed, to the coordinator and the client contacts"
    )
    lead_follow_up = _l("A lead's follow-up date reached, to its owner")
    plan_missing = _l(
        "No implementation plan after the contract was signed, to the lead provider"
    )
    feedback_due = _l(
        "A feedback survey opens, to the participants and the client contacts"
    )
    feedback_not_answered = _l(
        "A feedback survey is closing, to those who have not answered"
    )
    invoicing_due = _l("An invoicing milestone is due, to the lead provider")
    closing_report_due = _l(
        "The closing report is due after the training ended, to the lead provider"
    )
    follow_up_survey = _l(
        "Time for a follow-up needs survey after a service closed, to the coordinator"
    )
    steering_meeting = _l("A steering group meeting is coming, to its members")
    agreement_expiring = _l(
        "A partnership agreement about to expire, to the provider and the coordinator"
    )


class ReminderRule(RecordHistory, Model):
    """One kind of reminder. ``offset_days`` counts days before the date the
    reminder is about (after it, for a negative number). Subjects and bodies are
    templates in each language; ``{{ ... }}`` names the fields of the record (see
    the README). A Swedish or English text left empty falls back to Finnish."""

    __tablename__ = "reminder_rule"

    id = Column(Integer, primary_key=True)
    kind = Column(choice_column_type(ReminderKind), nullable=False, unique=True)
    enabled = Column(Boolean, nullable=False, default=True)
    offset_days = Column(Integer, nullable=False, default=0)
    copy_to_coordinator = Column(Boolean, nullable=False, default=False)
    subject_fi = Column(String(300), nullable=False)
    body_fi = Column(Text, nullable=False)
    subject_sv = Column(String(300))
    body_sv = Column(Text)
    subject_en = Column(String(300))
    body_en = Column(Text)

    def texts(self, language: Language) -> tuple[str, str]:
        """The subject and body templates for a recipient's language."""
        subject = getattr(self, f"subject_{language.name}") or self.subject_fi
        body = getattr(self, f"body_{language.name}") or self.body_fi
        return subject, body

    def __str__(self) -> str:
        return str(self.kind)
