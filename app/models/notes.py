"""The coordinator's notes on a company or a request, shown on their timeline."""

from flask_appbuilder import Model
from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer, Text
from sqlalchemy.orm import relationship

from app.models.history import RecordHistory


class PathNote(RecordHistory, Model):
    """A free note, such as what was agreed on the phone with a client."""

    __tablename__ = "path_note"
    __table_args__ = (
        CheckConstraint(
            "company_id IS NOT NULL OR request_id IS NOT NULL",
            name="ck_path_note_subject",
        ),
    )

    id = Column(Integer, primary_key=True)
    company_id = Column(
        Integer, ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    request_id = Column(
        Integer, ForeignKey("request_for_quotation.id", ondelete="CASCADE"), index=True
    )
    text = Column(Text, nullable=False)

    company = relationship("Organisation")
    request = relationship("RequestForQuotation")

    def __str__(self) -> str:
        return self.text[:80]
