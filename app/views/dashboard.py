"""The results dashboard of the steering group and the coordinator: every
figure for a chosen period, beside its target, with its table for download."""

from datetime import date

from flask import abort, flash, request
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _l

from app.services.clock import local_now
from app.services.metrics.exports import as_csv, as_xlsx
from app.services.metrics.period import Period
from app.services.metrics.tables import TABLES, dashboard_tables
from app.views.downloads import file_response

EXPORTS = {
    "csv": (as_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        as_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def chosen_period() -> tuple[Period, bool]:
    """The period of the query string, or this year so far; False when the
    query was not valid (a message says why)."""
    today = local_now().date()
    start, end = request.args.get("start"), request.args.get("end")
    if not start and not end:
        return Period.year_to_date(today), True
    try:
        period = Period(date.fromisoformat(start or ""), date.fromisoformat(end or ""))
    except ValueError:
        flash(
            str(_l("Give the period as two dates, the first day and the last.")),
            "danger",
        )
        return Period.year_to_date(today), False
    if period.end < period.start:
        flash(str(_l("The period ends before it starts: swap the dates.")), "danger")
        return Period.year_to_date(today), False
    return period, True


class DashboardView(BaseView):
    route_base = "/results"
    default_view = "list"

    @expose("/")
    @has_access
    def list(self):
        period, valid = chosen_period()
        return (
            self.render_template(
                "operator/dashboard.html",
                title=_l("Results"),
                period=period,
                tables=dashboard_tables(period),
            ),
            200 if valid else 422,
        )

    @expose("/<key>.<kind>")
    @has_access
    def export(self, key: str, kind: str):
        if kind not in EXPORTS:
            abort(404)
        period, valid = chosen_period()
        if not valid:
            abort(422)
        if key not in TABLES:
            abort(404)
        table = TABLES[key](period)
        write, mimetype = EXPORTS[kind]
        name = f"{key}-{period.start.isoformat()}-{period.end.isoformat()}.{kind}"
        return file_response(write(table), mimetype, name, attachment=True)
