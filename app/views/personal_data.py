"""The coordinator's screen for requests about personal data: find a person,
read or download everything held about them, erase them. Reading and
downloading are written to the audit log as exports, the erasure as an
erasure."""

import json

from flask import abort, flash, g, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import AuditAction, AuditEvent
from app.security.audit import audit_event_row
from app.services.personal_data import erasure, export, subjects
from app.views.downloads import file_response
from app.views.labels import COLUMN_LABELS

# Labels of the export's keys on the readable page, beside the screens' own.
EXPORT_LABELS = {
    **COLUMN_LABELS,
    "records": _l("Records"),
    "details": _l("Details"),
    "erased_on": _l("Erased on"),
    "partnership_agreements": _l("Partnership agreements"),
    "agreement": _l("Partnership agreement"),
    "steering_group_member": _l("Steering group member"),
    "leads": _l("Leads"),
    "survey_invitations": _l("Survey invitations"),
    "survey": _l("Feedback survey"),
    "invited_on": _l("Invited on"),
    "answered": _l("Answered"),
    "certificate": _l("Certificate"),
    "verification_code": _l("Verification code"),
    "sessions": _l("Training sessions"),
    "user_accounts": _l("User accounts"),
    "username": _l("Username"),
    "active": _l("Active"),
    "roles": _l("Roles"),
    "last_login": _l("Last signed in"),
    "sign_ins": _l("Sign-ins"),
    "occurred_on": _l("When"),
    "action": _l("Event"),
    "remote_address": _l("Address"),
    "history": _l("History"),
    "changes": _l("Changes"),
    "emails": _l("Emails sent"),
    "to": _l("To"),
    "written_on": _l("Written on"),
    "sent_on": _l("Sent on"),
    "subject": _l("Subject"),
    "body": _l("Text"),
}


class PersonalDataView(BaseView):
    route_base = "/personal-data"
    default_view = "list"

    @expose("/")
    @has_access
    def list(self):
        text = request.args.get("q", "")
        found = subjects.find_people(text)
        return self.render_template(
            "operator/personal_data_search.html",
            title=_l("Personal data"),
            text=text,
            people=[(subjects.kind_of(person), person) for person in found],
            kind_labels=subjects.KIND_LABELS,
        )

    @expose("/<kind>/<int:record_id>")
    @has_access
    def show(self, kind, record_id):
        subject, data = self._exported(kind, record_id)
        return self.render_template(
            "operator/personal_data_show.html",
            title=_l("Personal data"),
            data=data,
            labels=EXPORT_LABELS,
            kind_labels=subjects.KIND_LABELS,
            erased=subject.erased,
            kind=kind,
            record_id=record_id,
            readable=readable,
        )

    @expose("/<kind>/<int:record_id>/download")
    @has_access
    def download(self, kind, record_id):
        _, data = self._exported(kind, record_id)
        content = json.dumps(data, ensure_ascii=False, indent=2).encode()
        return file_response(
            content,
            "application/json",
            f"personal-data-{kind}-{record_id}.json",
            attachment=True,
        )

    @expose("/<kind>/<int:record_id>/erase", methods=["POST"])
    @has_access
    def erase(self, kind, record_id):
        subject = self._subject(kind, record_id)
        here = url_for("PersonalDataView.show", kind=kind, record_id=record_id)
        if request.form.get("confirm") != "yes":
            flash(str(_l("Tick the box to confirm the erasure.")), "danger")
            return redirect(here)
        if subject.erased:
            flash(str(_l("This person's data has already been erased.")), "info")
            return redirect(here)
        try:
            erasure.erase(subject, viewer_user_id=g.user.id)
        except erasure.ErasureRefusedError as refusal:
            db.session.rollback()
            flash(str(refusal.message), "danger")
            return redirect(here)
        db.session.commit()
        flash(
            str(
                _l(
                    "The person's data was erased; their records stay, "
                    "without their details."
                )
            ),
            "success",
        )
        return redirect(here)

    def _subject(self, kind: str, record_id: int) -> subjects.Subject:
        record = subjects.person_record(kind, record_id)
        if record is None:
            abort(404)
        return subjects.subject_of(record)

    def _exported(self, kind: str, record_id: int):
        """The person and everything held about them; the export is written to
        the audit log."""
        subject = self._subject(kind, record_id)
        data = export.personal_data(subject)
        for row in subject.records + subject.accounts:
            event = audit_event_row(
                AuditAction.personal_data_export,
                type(row).__name__,
                row.id,
                str(row)[:300],
            )
            db.session.execute(AuditEvent.__table__.insert(), [event])
        db.session.commit()
        return subject, data


def readable(value):
    """A plain value of the export as a person reads it."""
    if isinstance(value, bool):
        return _l("Yes") if value else _l("No")
    if value is None or value == "":
        return "–"
    return value
