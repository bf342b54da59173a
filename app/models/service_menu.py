"""The service menu (palvelutarjotin) and the funding options offered with it."""

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import relationship

from app.models.choices import Choice, choice_column_type
from app.models.history import RecordHistory


class DeliveryFormat(Choice):
    contact = _l("Contact teaching")
    online = _l("Online")
    blended = _l("Blended")
    workplace = _l("At the workplace")


service_entity_theme = Table(
    "service_entity_theme",
    Model.metadata,
    Column(
        "service_entity_id",
        Integer,
        ForeignKey("service_entity.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "theme_id",
        Integer,
        ForeignKey("service_theme.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)

service_entity_provider = Table(
    "service_entity_provider",
    Model.metadata,
    Column(
        "service_entity_id",
        Integer,
        ForeignKey("service_entity.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "provider_id",
        Integer,
        ForeignKey("organisation.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)


class ServiceTheme(RecordHistory, Model):
    """A theme that groups service entities, such as digital skills."""

    __tablename__ = "service_theme"

    id = Column(Integer, primary_key=True)
    name = Column(String(150), nullable=False, unique=True)
    description = Column(Text)

    def __str__(self) -> str:
        return self.name


class ServiceEntity(RecordHistory, Model):
    """One entry of the service menu and the providers able to deliver it."""

    __tablename__ = "service_entity"
    __table_args__ = (
        CheckConstraint(
            "typical_duration_hours IS NULL OR typical_duration_hours > 0",
            name="ck_service_entity_duration",
        ),
    )

    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False, unique=True)
    description = Column(Text, nullable=False)
    typical_format = Column(choice_column_type(DeliveryFormat))
    typical_duration_hours = Column(Integer)
    is_active = Column(Boolean, nullable=False, default=True)

    themes = relationship("ServiceTheme", secondary=service_entity_theme)
    providers = relationship("Organisation", secondary=service_entity_provider)

    def __str__(self) -> str:
        return self.name


class FundingOption(RecordHistory, Model):
    """A way to fund training, such as joint-procurement training co-funded by
    the public employment services and the employer."""

    __tablename__ = "funding_option"
    __table_args__ = (
        CheckConstraint(
            "employer_share_percent IS NULL OR "
            "(employer_share_percent >= 0 AND employer_share_percent <= 100)",
            name="ck_funding_option_share",
        ),
    )

    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False, unique=True)
    funder = Column(String(200))
    description = Column(Text)
    employer_share_percent = Column(Numeric(5, 2))
    suits_joint_procurement = Column(Boolean, nullable=False, default=False)
    website = Column(String(300))

    def __str__(self) -> str:
        return self.name
