"""Questions and answers on a request for quotation. A provider asks; the
coordinator's answer is published to every provider of the request at once,
without naming who asked, so that all bidders know the same."""

from flask_appbuilder import Model
from sqlalchemy import Column, DateTime, ForeignKey, Integer, Text
from sqlalchemy.orm import relationship

from app.models.history import RecordHistory


class RequestQuestion(RecordHistory, Model):
    __tablename__ = "request_question"

    id = Column(Integer, primary_key=True)
    request_id = Column(
        Integer,
        ForeignKey("request_for_quotation.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    provider_id = Column(Integer, ForeignKey("organisation.id"), nullable=False)
    question = Column(Text, nullable=False)
    asked_on = Column(DateTime, nullable=False)
    answer = Column(Text)
    published_on = Column(DateTime)

    request = relationship("RequestForQuotation")
    provider = relationship("Organisation")

    def __str__(self) -> str:
        return self.question[:80]
