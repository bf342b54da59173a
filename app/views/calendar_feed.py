"""The public calendar feed of a delivery's sessions. Calendar programs
cannot sign in, so the feed's address holds a secret of its own, shown on the
contract page to those who may read the contract."""

from flask import abort
from flask_appbuilder import BaseView, expose

from app.services import calendar_feed
from app.views.downloads import file_response


class CalendarFeedView(BaseView):
    route_base = "/calendar"
    default_view = "feed"

    @expose("/<token>.ics")
    def feed(self, token: str):
        contract = calendar_feed.contract_for(token)
        if contract is None:
            abort(404)
        return file_response(
            calendar_feed.feed(contract), "text/calendar", f"{contract.number}.ics"
        )
