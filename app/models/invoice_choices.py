"""The choice lists of invoicing, shared by the plan's milestones and the
invoices."""

from flask_babel import lazy_gettext as _l

from app.models.choices import Choice


class InvoiceKind(Choice):
    interim = _l("Interim")
    final = _l("Final")


class InvoiceStatus(Choice):
    draft = _l("Draft")
    sent = _l("Sent")
    paid = _l("Paid")
    cancelled = _l("Cancelled")


class MilestoneStatus(Choice):
    open = _l("Not invoiced")
    invoiced = _l("Invoiced")
    paid = _l("Paid")
