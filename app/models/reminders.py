"""Reminder rules: what the scheduler reminds of, when, and in which words.
The coordinator sees and changes them on their own screen."""

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Column, Integer, String, Text

from app.models.choices import Choice, choice_column_type
from app.models.history import RecordHistory


class ReminderKind(Choice):
    offer_deadline_approaching = _l(
        "Offer deadline approaching, to providers that have neither offered nor "
        "declined"
    )
    lead_follow_up = _l("A lead's follow-up date reached, to its owner")
    agreement_expiring = _l(
        "A partnership agreement about to expire, to the provider and the coordinator"
    )


class ReminderRule(RecordHistory, Model):
    """One kind of reminder. ``offset_days`` counts days before the date the
    reminder is about (after it, for a negative number). Subject and body are
    templates; ``{{ ... }}`` names the fields of the record (see the README)."""

    __tablename__ = "reminder_rule"

    id = Column(Integer, primary_key=True)
    kind = Column(choice_column_type(ReminderKind), nullable=False, unique=True)
    enabled = Column(Boolean, nullable=False, default=True)
    offset_days = Column(Integer, nullable=False, default=0)
    subject = Column(String(300), nullable=False)
    body = Column(Text, nullable=False)

    def __str__(self) -> str:
        return str(self.kind)
