"""Finnish first, Swedish and English complete: the language follows the
visitor's choice, a signed-in user's saved language and the browser; emails,
survey pages and PDFs speak each recipient's language; money is written each
language's way."""

import io
from datetime import date
from decimal import Decimal

import pytest
from flask_babel import force_locale
from pypdf import PdfReader

from app.extensions import db
from app.models import (
    ContactPerson,
    ContractStatus,
    FeedbackSurvey,
    Organisation,
    OrganisationKind,
    Participant,
    RequestForQuotation,
    SurveyKind,
)
from app.models.accounts import OperatorUser
from app.models.choices import Language
from app.services.feedback_results import default_question_set
from app.services.workflow import announcements
from app.services.workflow.surveys import invite
from app.views import formatting
from tests.conftest import login, visible_text
from tests.path_records import messages, new_contract
from tests.test_steering_meetings import _record_a_meeting

LOGIN_BUTTON = {"fi": "Kirjaudu sisään", "sv": "Logga in", "en": "Sign in"}


@pytest.mark.parametrize(
    ("accept", "language"),
    [(None, "fi"), ("sv-FI,sv;q=0.9", "sv"), ("en-GB,en;q=0.8", "en"), ("de", "fi")],
)
def test_a_visitor_reads_the_browsers_language(app, accept, language):
    headers = {"Accept-Language": accept} if accept else {}

    page = app.test_client().get("/", headers=headers)

    assert LOGIN_BUTTON[language] in visible_text(page.get_data(as_text=True))


def test_a_choice_from_the_menu_wins_over_the_browser(app):
    visitor = app.test_client()
    visitor.get("/lang/sv")

    page = visitor.get("/", headers={"Accept-Language": "en"})

    assert "Logga in" in visible_text(page.get_data(as_text=True))


def test_a_users_choice_is_saved_and_follows_them_to_a_new_session(app):
    first = app.test_client()
    login(first, "client2")
    first.get("/lang/sv")
    try:
        later = app.test_client()
        login(later, "client2")
        page = later.get("/", headers={"Accept-Language": "fi"})
        assert "Välkommen" in visible_text(page.get_data(as_text=True))
    finally:
        with app.app_context():
            user = db.session.scalar(
                db.select(OperatorUser).filter_by(username="client2")
            )
            user.language = None
            db.session.commit()


def test_money_is_written_each_languages_way(app):
    amount = Decimal("14500")
    with app.test_request_context():
        with force_locale("sv"):
            assert formatting.euros(amount) == "14\u00a0500,00\u00a0€"
        with force_locale("en"):
            assert formatting.euros(amount) == "€14,500.00"
        with force_locale("sv"):
            assert formatting.format_date(date(2027, 3, 5)) == "5.3.2027"


def test_emails_speak_each_recipients_language(app):
    with app.app_context():
        provider = Organisation(
            name="Kielitesti Oy",
            kind=OrganisationKind.provider,
            business_id="2331972-7",
        )
        for language in Language:
            provider.contact_people.append(
                ContactPerson(
                    first_name="Kieli",
                    last_name=language.name,
                    email=f"kieli-{language.name}@example.com",
                    language=language,
                    receives_requests=True,
                )
            )
        request = db.session.scalars(db.select(RequestForQuotation)).first()
        db.session.add(provider)
        db.session.flush()
        announcements.request_published(request, provider)
        db.session.commit()
        reference = request.reference

    sent = {
        m.recipient.split("-")[1].split("@")[0]: m
        for m in messages(app, "request-published:")
        if m.recipient.startswith("kieli-")
    }
    assert sent["fi"].subject.startswith(f"Tarjouspyyntö {reference}")
    assert sent["sv"].subject.startswith(f"Anbudsförfrågan {reference}")
    assert sent["en"].subject.startswith(f"Request for quotation {reference}")
    assert sent["sv"].body.startswith("Hej Kieli")


def test_the_meeting_report_follows_the_readers_language(app, client_as):
    meeting_id = _record_a_meeting(app, client_as("coordinator"))
    steering = client_as("steering")

    texts = {}
    for language in ("fi", "sv", "en"):
        response = steering.get(
            f"/steeringmeetingview/report/{meeting_id}", query_string={"_l_": language}
        )
        reader = PdfReader(io.BytesIO(response.data))
        texts[language] = " ".join(page.extract_text() for page in reader.pages)

    assert "Esityslista" in texts["fi"] and "Päätökset" in texts["fi"]
    assert "Föredragningslista" in texts["sv"] and "Beslut" in texts["sv"]
    assert "Agenda" in texts["en"] and "Decisions" in texts["en"]


def test_the_survey_page_speaks_the_invitees_language_unless_they_choose(app):
    case = new_contract(app, signed_on=date.today(), status=ContractStatus.in_delivery)
    with app.app_context():
        db.session.add(
            Participant(
                contract_id=case.contract_id,
                company_id=case.company_id,
                first_name="Eva",
                last_name="Svensson",
                email=f"eva-{case.contract_id}@example.com",
                language="sv",
            )
        )
        survey = FeedbackSurvey(
            contract_id=case.contract_id,
            kind=SurveyKind.interim,
            opens_on=date.today(),
            closes_on=date.today(),
            question_set=default_question_set(),
        )
        db.session.add(survey)
        db.session.flush()
        (token,) = [i.token for i in invite(survey) if i.participant_id]
        db.session.commit()
    visitor = app.test_client()

    swedish = visible_text(visitor.get(f"/feedback/{token}").get_data(as_text=True))
    visitor.get("/lang/en")
    english = visible_text(visitor.get(f"/feedback/{token}").get_data(as_text=True))

    assert "Utbildningen motsvarade våra behov." in swedish
    assert "Skicka svaret" in swedish
    assert "The training met our needs." in english
