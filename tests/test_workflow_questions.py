"""Questions and answers: a provider asks, the coordinator answers, and the
answer reaches every provider of the request at once."""

from app.extensions import db
from app.models import RequestForQuotation, RequestQuestion
from tests.path_records import published_request
from tests.smtp import body_of
from tests.test_workflow_offers import _flash, _move_deadline


def _ask(app, client_as, request_id, text) -> int:
    response = client_as("provider1").post(
        "/requestquestionview/add", data={"request": request_id, "question": text}
    )
    assert response.status_code == 302
    with app.app_context():
        return db.session.scalar(db.select(RequestQuestion.id).filter_by(question=text))


def test_a_question_is_answered_to_every_provider_of_the_request(
    app, client_as, coordinator, inbox
):
    request_id = published_request(app)
    question_id = _ask(app, client_as, request_id, "Voiko koulutuksen jakaa kahteen?")
    with app.app_context():
        question = db.session.get(RequestQuestion, question_id)
        asker = app.appbuilder.sm.find_user(username="provider1").organisation_id
        assert question.provider_id == asker and question.asked_on is not None
        reference = db.session.get(RequestForQuotation, request_id).reference
    other = client_as("provider2")
    assert other.get(f"/requestquestionview/show/{question_id}").status_code == 404

    coordinator.post(
        f"/requestquestionview/edit/{question_id}",
        data={"question": "Voiko koulutuksen jakaa kahteen?", "answer": "Voi."},
    )
    coordinator.post(f"/requestquestionview/action/publish_answer/{question_id}")

    answers = [
        m
        for m in inbox.messages
        if m["Subject"] == f"Vastaus kysymykseen tarjouspyynnöstä {reference}"
    ]
    assert answers, "the answer was emailed"
    with app.app_context():
        request = db.session.get(RequestForQuotation, request_id)
        pool_contacts = sum(
            len(
                [
                    c
                    for c in d.provider.contact_people
                    if c.receives_requests and c.is_active
                ]
            )
            for d in request.distributions
        )
    assert len(answers) == pool_contacts
    assert all("Voi." in body_of(m) for m in answers)
    page = other.get(f"/requestquestionview/show/{question_id}").get_data(as_text=True)
    assert "Voi." in page
    assert "Kehärata-opisto" not in page, "the asker is not named"

    sent = len(inbox.messages)
    coordinator.post(f"/requestquestionview/action/publish_answer/{question_id}")
    assert "Vastaus on jo julkaistu." in _flash(coordinator)
    assert len(inbox.messages) == sent


def test_a_provider_cannot_write_the_answer(app, client_as):
    request_id = published_request(app)
    question_id = _ask(app, client_as, request_id, "Kuka vastaa?")

    client_as("provider1").post(
        f"/requestquestionview/edit/{question_id}",
        data={"question": "Kuka vastaa?", "answer": "Me itse."},
    )

    with app.app_context():
        assert db.session.get(RequestQuestion, question_id).answer is None


def test_no_questions_after_the_deadline(app, client_as):
    request_id = published_request(app)
    _move_deadline(app, request_id, days=-1)
    provider = client_as("provider1")

    provider.post(
        "/requestquestionview/add",
        data={"request": request_id, "question": "Myöhästynyt kysymys"},
    )

    assert "kysymyksiä ei voi enää esittää" in _flash(provider)
    with app.app_context():
        assert (
            db.session.scalar(
                db.select(RequestQuestion.id).filter_by(question="Myöhästynyt kysymys")
            )
            is None
        )
