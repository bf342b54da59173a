"""The sessions' calendar feed: an address with its own secret that calendar
programs read without signing in; times in Helsinki time with the zone."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from icalendar import Calendar

from app.extensions import db
from app.models import (
    ContractStatus,
    ImplementationPlan,
    ServiceContract,
    TrainingSession,
)
from tests.path_records import new_contract

HELSINKI = ZoneInfo("Europe/Helsinki")


def _contract_with_sessions(app):
    case = new_contract(
        app,
        signed_on=datetime(2026, 8, 1).date(),
        status=ContractStatus.in_preparation,
        provider_login="provider1",
    )
    with app.app_context():
        plan = ImplementationPlan(
            contract_id=case.contract_id, competence_goals="T", contents="S"
        )
        for day, place, link in (
            (datetime(2026, 10, 20), "Tikkurila, sali 3", None),
            (datetime(2026, 11, 3), None, "https://meet.example/koulutus"),
        ):
            plan.sessions.append(
                TrainingSession(
                    topic=f"Päivä {day.day}.{day.month}.",
                    starts_at=datetime.combine(day.date(), time(9)),
                    ends_at=datetime.combine(day.date(), time(15, 30)),
                    place=place,
                    online_link=link,
                )
            )
        db.session.add(plan)
        db.session.commit()
        token = db.session.get(ServiceContract, case.contract_id).calendar_token
    return case, token


def test_the_feed_lists_the_sessions_in_helsinki_time(app):
    case, token = _contract_with_sessions(app)

    response = app.test_client().get(f"/calendar/{token}.ics")

    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert len(events) == 2
    summer, winter = events
    assert summer.decoded("dtstart") == datetime(2026, 10, 20, 9, tzinfo=HELSINKI)
    assert summer.decoded("dtstart").utcoffset().total_seconds() == 3 * 3600
    assert winter.decoded("dtstart").utcoffset().total_seconds() == 2 * 3600
    assert str(summer["location"]) == "Tikkurila, sali 3"
    assert str(winter["url"]) == "https://meet.example/koulutus"
    assert "Koulutus" in str(summer["summary"])
    assert calendar.walk("VTIMEZONE"), "the time zone goes with the feed"


def test_a_forged_feed_address_finds_nothing(app):
    assert app.test_client().get("/calendar/not-the-secret.ics").status_code == 404


def test_the_feed_address_is_on_the_contract_page_for_its_readers(app, client_as):
    case, token = _contract_with_sessions(app)

    own = client_as("provider1").get(f"/servicecontractview/show/{case.contract_id}")
    other = client_as("provider2").get(f"/servicecontractview/show/{case.contract_id}")

    assert f"/calendar/{token}.ics" in own.get_data(as_text=True)
    assert token not in other.get_data(as_text=True)
