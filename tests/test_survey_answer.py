"""The public survey page: a personal link answers once, without an account;
the answer names nobody; bad answers and used, closed or forged links are
refused with a clear message and nothing is saved."""

from datetime import date, timedelta

import pytest

from app.extensions import db
from app.models import (
    ContractStatus,
    FeedbackAnswer,
    FeedbackSurvey,
    Participant,
    ServiceContract,
    SurveyInvitation,
    SurveyKind,
)
from app.services.workflow.surveys import invite
from tests.conftest import visible_text
from tests.path_records import new_contract


@pytest.fixture
def links(app):
    """Open survey of a contract in delivery; its personal links by email."""
    case = new_contract(app, signed_on=date.today(), status=ContractStatus.in_delivery)
    with app.app_context():
        contract = db.session.get(ServiceContract, case.contract_id)
        db.session.add(
            Participant(
                contract=contract,
                company=contract.request.client_companies[0],
                first_name="Aino",
                last_name="Osallistuja",
                email=f"aino-{case.contract_id}@example.com",
            )
        )
        survey = FeedbackSurvey(
            contract=contract,
            kind=SurveyKind.interim,
            opens_on=date.today() - timedelta(days=1),
            closes_on=date.today() + timedelta(days=7),
        )
        db.session.add(survey)
        db.session.flush()
        tokens = {i.invitee.email: i.token for i in invite(survey)}
        db.session.commit()
        return survey.id, tokens


def _answers(app, survey_id) -> list[FeedbackAnswer]:
    with app.app_context():
        answers = db.session.scalars(
            db.select(FeedbackAnswer).filter_by(survey_id=survey_id)
        ).all()
        db.session.expunge_all()
        return answers


GOOD = {"overall_rating": "5", "recommendation": "0", "comment": " Hyvä. "}


def test_a_link_answers_once_without_an_account(app, links):
    survey_id, tokens = links
    token = next(iter(tokens.values()))
    visitor = app.test_client()

    page = visitor.get(f"/feedback/{token}")
    assert page.status_code == 200
    assert "anonyymi" in visible_text(page.get_data(as_text=True))
    assert visitor.post(f"/feedback/{token}", data=GOOD).status_code == 200
    again = visitor.post(f"/feedback/{token}", data=GOOD)

    assert again.status_code == 410
    assert "vastata vain kerran" in visible_text(again.get_data(as_text=True))
    (answer,) = _answers(app, survey_id)
    assert (answer.overall_rating, answer.recommendation) == (5, 0)
    assert answer.comment == "Hyvä."


def test_the_answer_cannot_be_tied_to_the_person(app, links):
    survey_id, tokens = links
    for token in tokens.values():
        app.test_client().post(f"/feedback/{token}", data=GOOD)
    answer_columns = set(FeedbackAnswer.__table__.columns.keys())
    invitation_columns = set(SurveyInvitation.__table__.columns.keys())
    assert not answer_columns & {"token", "invitation_id", "participant_id"}
    assert not invitation_columns & {"answered_on", "changed_on", "answer_id"}
    with app.app_context():
        invitations = db.session.scalars(
            db.select(SurveyInvitation).filter_by(survey_id=survey_id)
        ).all()
        assert all(invitation.answered for invitation in invitations)
    assert len(_answers(app, survey_id)) == len(tokens)


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"overall_rating": "6", "recommendation": "5"}, "asteikolta 1–5"),
        ({"overall_rating": "x", "recommendation": "5"}, "asteikolta 1–5"),
        ({"recommendation": "5"}, "asteikolta 1–5"),
        ({"overall_rating": "3", "recommendation": "11"}, "0–10"),
        ({"overall_rating": "3", "recommendation": "-1"}, "0–10"),
        (
            {"overall_rating": "3", "recommendation": "5", "comment": "x" * 4001},
            "4000",
        ),
    ],
)
def test_answers_out_of_range_are_refused_and_nothing_is_saved(
    app, links, form, message
):
    survey_id, tokens = links
    token = next(iter(tokens.values()))

    page = app.test_client().post(f"/feedback/{token}", data=form)

    assert page.status_code == 422
    assert message in visible_text(page.get_data(as_text=True))
    assert _answers(app, survey_id) == []
    assert app.test_client().get(f"/feedback/{token}").status_code == 200, (
        "the link is still unused"
    )


def test_a_forged_link_finds_nothing(app, links):
    assert app.test_client().get("/feedback/not-a-real-token").status_code == 404


def test_a_closed_survey_refuses_with_its_closing_day(app, links):
    survey_id, tokens = links
    token = next(iter(tokens.values()))
    closed_on = date.today() - timedelta(days=1)
    with app.app_context():
        survey = db.session.get(FeedbackSurvey, survey_id)
        survey.opens_on = closed_on - timedelta(days=7)
        survey.closes_on = closed_on
        db.session.commit()

    page = app.test_client().post(f"/feedback/{token}", data=GOOD)

    assert page.status_code == 410
    day = f"{closed_on.day}.{closed_on.month}.{closed_on.year}"
    assert f"Kysely sulkeutui {day}" in visible_text(page.get_data(as_text=True))
    assert _answers(app, survey_id) == []
