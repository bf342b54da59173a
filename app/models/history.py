"""Who created or last changed a record, and when.

Every domain record carries these four columns. The user is the one logged in to
the request; records written by a command or a scheduled job have no user and
show as made by the system.
"""

from datetime import UTC, datetime

from flask import g, has_request_context
from flask_appbuilder import Model
from sqlalchemy import Column, DateTime, ForeignKey, Integer
from sqlalchemy.orm import declared_attr, relationship

# Every domain module imports this one before defining its tables, so the naming
# convention is in place for them. Named constraints let later migrations alter
# them, on SQLite too.
Model.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    """The current moment in UTC, naive, as every timestamp column stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


def current_user_id() -> int | None:
    """The id of the user of the current request, or None outside a request."""
    if not has_request_context():
        return None
    user = getattr(g, "user", None)
    return getattr(user, "id", None) if user is not None else None


class RecordHistory:
    """Creation and change stamps for a domain model."""

    created_on = Column(DateTime, default=utc_now, nullable=False)
    changed_on = Column(DateTime, default=utc_now, onupdate=utc_now, nullable=False)

    @declared_attr
    def created_by_fk(cls):
        return Column(
            Integer,
            ForeignKey("ab_user.id", ondelete="SET NULL"),
            default=current_user_id,
            nullable=True,
        )

    @declared_attr
    def changed_by_fk(cls):
        return Column(
            Integer,
            ForeignKey("ab_user.id", ondelete="SET NULL"),
            default=current_user_id,
            onupdate=current_user_id,
            nullable=True,
        )

    @declared_attr
    def created_by(cls):
        return relationship(
            "OperatorUser", foreign_keys=[cls.created_by_fk], enable_typechecks=False
        )

    @declared_attr
    def changed_by(cls):
        return relationship(
            "OperatorUser", foreign_keys=[cls.changed_by_fk], enable_typechecks=False
        )
