"""The steering group (ohjausryhmä): meetings, agenda items, decisions, and the
targets of the result metrics set at the pilot's kick-off."""

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import relationship

from app.models.choices import Choice, choice_column_type
from app.models.history import RecordHistory


class SteeringTheme(Choice):
    expansion = _l("Expanding the operation")
    funding = _l("Funding")
    commission_model = _l("The coordinator's commission model")
    international = _l("International partners")
    communication = _l("Brand and communication")
    negative_feedback = _l("Handling negative feedback")
    new_services = _l("New services for the menu")
    portfolio = _l("Product portfolio or custom solutions")
    metrics = _l("Result metrics and data collection")
    feedback_survey = _l("The common feedback survey")
    reporting = _l("The reporting model")


class ThemeStatus(Choice):
    open = _l("Open")
    in_preparation = _l("In preparation")
    decided = _l("Decided")
    on_hold = _l("On hold")


class DecisionStatus(Choice):
    open = _l("Open")
    in_progress = _l("In progress")
    done = _l("Done")


class Metric(Choice):
    leads = _l("Leads")
    needs_assessments = _l("Needs assessments")
    requests = _l("Requests for quotation")
    offers_per_request = _l("Offers per request")
    contracts = _l("Service contracts")
    contract_value = _l("Contract value (EUR)")
    closed_services = _l("Closed services")
    recommendation = _l("Recommendation score")
    returning_clients = _l("Returning clients")


class SteeringMeeting(RecordHistory, Model):
    """A meeting of the steering group."""

    __tablename__ = "steering_meeting"

    id = Column(Integer, primary_key=True)
    title = Column(String(200), nullable=False)
    starts_at = Column(DateTime, nullable=False)
    place = Column(String(200))
    attendees = Column(Text)
    minutes = Column(Text)

    agenda_items = relationship(
        "AgendaItem",
        back_populates="meeting",
        cascade="all, delete-orphan",
        order_by="AgendaItem.position",
    )
    decisions = relationship(
        "Decision", back_populates="meeting", cascade="all, delete-orphan"
    )

    def __str__(self) -> str:
        return f"{self.starts_at:%d.%m.%Y} {self.title}"


class AgendaItem(RecordHistory, Model):
    """An item on a meeting's agenda, usually under one of the group's themes."""

    __tablename__ = "agenda_item"

    id = Column(Integer, primary_key=True)
    meeting_id = Column(
        Integer,
        ForeignKey("steering_meeting.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    position = Column(Integer, nullable=False, default=1)
    title = Column(String(200), nullable=False)
    theme = Column(choice_column_type(SteeringTheme))
    notes = Column(Text)

    meeting = relationship("SteeringMeeting", back_populates="agenda_items")

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Decision(RecordHistory, Model):
    """A decision of the steering group, with who carries it out and by when."""

    __tablename__ = "decision"

    id = Column(Integer, primary_key=True)
    meeting_id = Column(
        Integer,
        ForeignKey("steering_meeting.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    agenda_item_id = Column(Integer, ForeignKey("agenda_item.id"))
    text = Column(Text, nullable=False)
    owner = Column(String(200))
    due_on = Column(Date)
    status = Column(
        choice_column_type(DecisionStatus), nullable=False, default=DecisionStatus.open
    )

    meeting = relationship("SteeringMeeting", back_populates="decisions")
    agenda_item = relationship("AgendaItem")

    def __str__(self) -> str:
        return self.text[:80]


class MetricTarget(RecordHistory, Model):
    """The target of one result metric for a period."""

    __tablename__ = "metric_target"
    __table_args__ = (
        CheckConstraint("period_end >= period_start", name="ck_metric_target_period"),
        CheckConstraint("target_value >= 0", name="ck_metric_target_value"),
    )

    id = Column(Integer, primary_key=True)
    metric = Column(choice_column_type(Metric), nullable=False)
    period_start = Column(Date, nullable=False)
    period_end = Column(Date, nullable=False)
    target_value = Column(Numeric(12, 2), nullable=False)
    notes = Column(Text)

    def __str__(self) -> str:
        return f"{self.metric} {self.target_value}"


class StandingTheme(RecordHistory, Model):
    """One of the steering group's standing themes and where it stands: the
    group returns to these at its meetings until they are decided."""

    __tablename__ = "standing_theme"

    id = Column(Integer, primary_key=True)
    theme = Column(choice_column_type(SteeringTheme), nullable=False, unique=True)
    status = Column(
        choice_column_type(ThemeStatus), nullable=False, default=ThemeStatus.open
    )
    summary = Column(Text)
    next_step = Column(Text)
    owner = Column(String(200))

    def __str__(self) -> str:
        return str(self.theme)
