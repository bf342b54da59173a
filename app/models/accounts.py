"""User accounts: Flask-AppBuilder's user, tied to the organisation it acts for."""

from flask_appbuilder.security.sqla.models import User
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship


class OperatorUser(User):
    """A user of the back office. Every user acts for one organisation: the
    coordinator, a training provider or a client company; what the user sees
    of the service path follows from it."""

    __tablename__ = "ab_user"

    organisation_id = Column(
        Integer,
        ForeignKey(
            "organisation.id",
            ondelete="SET NULL",
            name="fk_ab_user_organisation_id_organisation",
            # Organisations name their creator, a user: break the cycle.
            use_alter=True,
        ),
        index=True,
    )
    organisation = relationship("Organisation", foreign_keys=[organisation_id])
