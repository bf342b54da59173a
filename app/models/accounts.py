"""User accounts: Flask-AppBuilder's user, tied to the organisation it acts for."""

from flask_appbuilder.security.sqla.models import User
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

from app.models.choices import Language, choice_column_type


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
    # The language the user reads the back office and their email in; empty
    # until they choose one (then the browser's language is used).
    language = Column(choice_column_type(Language))
