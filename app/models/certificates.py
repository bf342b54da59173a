"""Certificates (todistukset) issued to participants by the consortium."""

import secrets

from flask_appbuilder import Model
from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
)
from sqlalchemy.orm import relationship

from app.models.history import RecordHistory


def new_verification_code() -> str:
    """A code that is short enough to type and long enough not to be guessed."""
    return secrets.token_hex(6).upper()


class Certificate(RecordHistory, Model):
    """A participant's certificate of a completed training."""

    __tablename__ = "certificate"
    __table_args__ = (CheckConstraint("hours > 0", name="ck_certificate_hours"),)

    id = Column(Integer, primary_key=True)
    participant_id = Column(
        Integer, ForeignKey("participant.id"), nullable=False, unique=True
    )
    issued_on = Column(Date, nullable=False)
    hours = Column(Numeric(6, 1), nullable=False)
    verification_code = Column(
        String(20), nullable=False, unique=True, default=new_verification_code
    )

    participant = relationship("Participant")

    def __str__(self) -> str:
        return f"{self.participant} {self.verification_code}"
