"""Leads (asiakasliidit): first contacts with companies that may need training."""

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, Date, ForeignKey, Integer, Text
from sqlalchemy.orm import relationship

from app.models.choices import Choice, choice_column_type
from app.models.history import RecordHistory


class LeadSource(Choice):
    web_form = _l("Web form")
    campus = _l("Campus customer service")
    event = _l("Event")
    phone = _l("Phone")
    email = _l("Email")
    referral = _l("Referral from a provider")
    follow_up = _l("Follow-up of an earlier service")


class LeadStatus(Choice):
    new = _l("New")
    contacted = _l("Contacted")
    qualified = _l("Qualified")
    dropped = _l("Dropped")


class Lead(RecordHistory, Model):
    """A company that may need training, owned by a coordinator who follows it
    up until it is qualified for a needs assessment or dropped."""

    __tablename__ = "lead"

    id = Column(Integer, primary_key=True)
    company_id = Column(Integer, ForeignKey("organisation.id"), nullable=False)
    contact_person_id = Column(Integer, ForeignKey("contact_person.id"))
    source = Column(choice_column_type(LeadSource), nullable=False)
    owner_id = Column(Integer, ForeignKey("ab_user.id"))
    status = Column(
        choice_column_type(LeadStatus),
        nullable=False,
        default=LeadStatus.new,
        index=True,
    )
    next_follow_up_on = Column(Date, index=True)
    description = Column(Text)
    drop_reason = Column(Text)

    company = relationship("Organisation")
    contact_person = relationship("ContactPerson")
    owner = relationship("OperatorUser", foreign_keys=[owner_id])

    def __str__(self) -> str:
        return f"{self.company} ({self.source})"
