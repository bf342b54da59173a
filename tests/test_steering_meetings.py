"""The steering group's meetings through the app's routes: the coordinator
records the meeting, its agenda, decisions and where the standing themes
stand; the members read them and print the meeting report as a PDF, which
holds the records and the year's figures beside their targets."""

import io
import uuid

from pypdf import PdfReader

from app.extensions import db
from app.models import (
    AgendaItem,
    ContactPerson,
    Decision,
    StandingTheme,
    SteeringMeeting,
    SteeringTheme,
    ThemeStatus,
)


def _id_of(app, model, **where) -> int:
    with app.app_context():
        return db.session.scalar(db.select(model.id).filter_by(**where))


def _record_a_meeting(app, coordinator) -> int:
    title = f"Kevään päätöskokous {uuid.uuid4().hex[:6]}"
    coordinator.post(
        "/steeringmeetingview/add",
        data={
            "title": title,
            "starts_at": "2027-03-01 09:00:00",
            "place": "Tikkurila",
            "attendees": "Ohjausryhmän jäsenet",
            "minutes": "Toiminta jatkuu.",
        },
    )
    meeting_id = _id_of(app, SteeringMeeting, title=title)
    coordinator.post(
        "/agendaitemview/add",
        data={
            "meeting": meeting_id,
            "position": "1",
            "title": "Jatkon rahoitus",
            "theme": "funding",
        },
    )
    item_id = _id_of(app, AgendaItem, title="Jatkon rahoitus", meeting_id=meeting_id)
    coordinator.post(
        "/decisionview/add",
        data={
            "meeting": meeting_id,
            "agenda_item": item_id,
            "text": "Haetaan jatkorahoitus kaupungin budjetista.",
            "owner": "Koordinaattori",
            "due_on": "2027-03-15",
            "status": "open",
        },
    )
    return meeting_id


def test_the_coordinator_records_a_meeting_and_members_read_it(
    app, coordinator, client_as
):
    meeting_id = _record_a_meeting(app, coordinator)
    steering = client_as("steering")

    page = steering.get(f"/steeringmeetingview/show/{meeting_id}").get_data(
        as_text=True
    )
    refused = steering.post(
        "/decisionview/add", data={"meeting": meeting_id, "text": "Ei käy"}
    )

    assert "Kevään päätöskokous" in page
    assert refused.status_code == 403
    with app.app_context():
        (decision,) = db.session.scalars(
            db.select(Decision).filter_by(meeting_id=meeting_id)
        ).all()
        assert (decision.owner, f"{decision.due_on}") == (
            "Koordinaattori",
            "2027-03-15",
        )
        assert decision.agenda_item.title == "Jatkon rahoitus"


def test_standing_themes_are_kept_by_the_coordinator(app, coordinator, client_as):
    theme_id = _id_of(app, StandingTheme, theme=SteeringTheme.funding)
    form = {
        "status": "decided",
        "summary": "Rahoitus vuodelle 2027 on päätetty.",
        "next_step": "Seuranta syksyllä",
        "owner": "Ohjausryhmän puheenjohtaja",
    }

    refused = client_as("steering").post(
        f"/standingthemeview/edit/{theme_id}", data=form
    )
    coordinator.post(f"/standingthemeview/edit/{theme_id}", data=form)

    assert refused.status_code == 403
    with app.app_context():
        theme = db.session.get(StandingTheme, theme_id)
        assert theme.status is ThemeStatus.decided
        assert theme.next_step == "Seuranta syksyllä"
        themes = db.session.scalar(db.select(db.func.count(StandingTheme.id)))
        assert themes == len(SteeringTheme), "one row for each theme"


def test_the_meeting_report_pdf_holds_the_records_and_figures(
    app, coordinator, client_as
):
    meeting_id = _record_a_meeting(app, coordinator)

    response = client_as("steering").get(f"/steeringmeetingview/report/{meeting_id}")
    denied = client_as("provider1").get(f"/steeringmeetingview/report/{meeting_id}")

    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages
    )
    text = " ".join(text.split())
    for expected in (
        "Kevään päätöskokous",
        "1.3.2027 9.00, Tikkurila",
        "Jatkon rahoitus",
        "Haetaan jatkorahoitus kaupungin budjetista.",
        "15.3.2027",
        "Tulostavoitteet ja toteuma 1.1.2027–1.3.2027",
        "Liideistä suljettuihin palveluihin",
    ):
        assert expected in text, expected
    with app.app_context():
        emails = set(db.session.scalars(db.select(ContactPerson.email)))
    assert not {email for email in emails if email in text}
    assert denied.status_code == 403
