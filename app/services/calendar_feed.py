"""The sessions of a delivery as an iCalendar feed, for the trainers' and the
client's calendar programs. Session times are Helsinki wall-clock times and go
out with their time zone."""

from datetime import UTC

from icalendar import Calendar, Event

from app.extensions import db
from app.models import ServiceContract
from app.services.clock import operator_timezone


def contract_for(token: str) -> ServiceContract | None:
    return db.session.scalar(
        db.select(ServiceContract).where(ServiceContract.calendar_token == token)
    )


def feed(contract: ServiceContract) -> bytes:
    request = contract.offer.request
    calendar = Calendar()
    calendar.add("prodid", "-//Koulutusoperaattori//Vantaa//FI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{contract.number} {request.title}")
    zone = operator_timezone()
    sessions = contract.plan.sessions if contract.plan else []
    for session in sessions:
        event = Event()
        event.add("uid", f"session-{session.id}@koulutusoperaattori")
        event.add("dtstamp", session.changed_on.replace(tzinfo=UTC))
        event.add("dtstart", session.starts_at.replace(tzinfo=zone))
        event.add("dtend", session.ends_at.replace(tzinfo=zone))
        event.add("summary", f"{request.title}: {session.topic}")
        if session.place or session.online_link:
            event.add("location", session.place or session.online_link)
        if session.online_link:
            event.add("url", session.online_link)
        details = [f"{contract.number}, {contract.offer.lead_provider}"]
        if session.trainer:
            details.append(f"{session.trainer.first_name} {session.trainer.last_name}")
        event.add("description", "\n".join(details))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
