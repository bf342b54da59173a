"""The outbox: every email the platform sends is first a row here, written in
the same transaction as the change that causes it, and sent after it commits."""

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

from app.models.choices import Choice, Language, choice_column_type
from app.models.history import utc_now


class OutboxStatus(Choice):
    pending = _l("Waiting to be sent")
    sending = _l("Being sent")
    sent = _l("Sent")
    failed = _l("Sending failed")
    kept = _l("In the local mailbox (no mail server)")


class OutboxMessage(Model):
    """One email to one recipient. The key names what the message is about, for
    whom and why, so that queueing the same message twice adds nothing."""

    __tablename__ = "outbox_message"

    id = Column(Integer, primary_key=True)
    key = Column(String(200), nullable=False, unique=True)
    recipient = Column(String(254), nullable=False)
    language = Column(choice_column_type(Language), nullable=False)
    subject = Column(String(300), nullable=False)
    body = Column(Text, nullable=False)
    status = Column(
        choice_column_type(OutboxStatus),
        nullable=False,
        default=OutboxStatus.pending,
        index=True,
    )
    attempts = Column(Integer, nullable=False, default=0)
    last_error = Column(String(500))
    created_on = Column(DateTime, nullable=False, default=utc_now)
    # When a waiting message may be tried next (UTC); empty means now.
    next_attempt_on = Column(DateTime, index=True)
    # When a sender claimed it; a claim older than the lease is taken back.
    claimed_on = Column(DateTime)
    sent_on = Column(DateTime)
    request_id = Column(
        Integer, ForeignKey("request_for_quotation.id", ondelete="SET NULL"), index=True
    )

    request = relationship("RequestForQuotation")

    @property
    def message_id(self) -> str:
        """A Message-ID that stays the same however often sending is tried."""
        return f"<outbox-{self.id}@koulutusoperaattori>"

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient}"
