"""The audit log: who did what to which record, and when. Rows are only ever
added; the application refuses to change or delete them."""

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Column, DateTime, Integer, String

from app.models.choices import Choice, choice_column_type
from app.models.history import utc_now


class AuditAction(Choice):
    create = _l("Created")
    update = _l("Changed")
    delete = _l("Deleted")
    state_change = _l("Status changed")
    login = _l("Signed in")
    login_failed = _l("Failed sign-in")
    logout = _l("Signed out")
    personal_data_export = _l("Personal data exported")
    erasure = _l("Personal data erased")
    retention = _l("Personal data anonymised after the retention time")


class AuditEvent(Model):
    """One event. The user is kept by id and by name, so that the event still
    says who acted after the account is gone."""

    __tablename__ = "audit_event"

    id = Column(Integer, primary_key=True)
    occurred_on = Column(DateTime, nullable=False, default=utc_now, index=True)
    action = Column(choice_column_type(AuditAction), nullable=False, index=True)
    user_id = Column(Integer, index=True)
    username = Column(String(256))
    record_type = Column(String(64), index=True)
    record_id = Column(Integer)
    record_label = Column(String(300))
    changes = Column(JSON)
    remote_address = Column(String(64))

    def __str__(self) -> str:
        return f"{self.occurred_on:%Y-%m-%d %H:%M} {self.action} {self.record_type}"
