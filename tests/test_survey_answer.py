"""The public survey page: a personal link answers once, without an account,
in the respondent's language; the answer names nobody; bad answers and used,
closed or forged links are refused with a clear message and nothing is saved.
Results are shown aggregated, only from three answers on; low scores open a
follow-up item for the lead provider and tell the coordinator."""

from datetime import date, timedelta

import pytest

from app.extensions import db
from app.models import (
    ContractStatus,
    FeedbackAnswer,
    FeedbackFollowUp,
    FeedbackSurvey,
    FeedbackValue,
    Participant,
    QuestionKind,
    ServiceContract,
    SurveyInvitation,
    SurveyKind,
)
from app.services.feedback_results import default_question_set
from app.services.workflow.surveys import invite
from tests.conftest import visible_text
from tests.path_records import messages, new_contract, survey_form


@pytest.fixture
def survey(app):
    """An open survey of a contract in delivery, its personal links by email,
    and the case."""
    case = new_contract(
        app,
        signed_on=date.today(),
        status=ContractStatus.in_delivery,
        client_languages=("fi", "sv"),
    )
    with app.app_context():
        contract = db.session.get(ServiceContract, case.contract_id)
        for number in range(3):
            db.session.add(
                Participant(
                    contract=contract,
                    company_id=case.company_id,
                    first_name=f"Osallistuja{number}",
                    last_name="Testi",
                    email=f"p{number}-{case.contract_id}@example.com",
                )
            )
        survey = FeedbackSurvey(
            contract=contract,
            kind=SurveyKind.interim,
            opens_on=date.today() - timedelta(days=1),
            closes_on=date.today() + timedelta(days=7),
            question_set=default_question_set(),
        )
        db.session.add(survey)
        db.session.flush()
        tokens = {i.invitee.email: i.token for i in invite(survey)}
        db.session.commit()
        return survey.id, tokens, case


def _answers(app, survey_id) -> list[dict]:
    with app.app_context():
        answers = db.session.scalars(
            db.select(FeedbackAnswer).filter_by(survey_id=survey_id)
        ).all()
        return [
            {
                value.question.kind: value.text if value.score is None else value.score
                for value in a.values
            }
            for a in answers
        ]


def test_a_link_answers_once_without_an_account(app, survey):
    survey_id, tokens, _case = survey
    token = next(iter(tokens.values()))
    visitor = app.test_client()
    form = survey_form(app, survey_id, scale=5, recommendation=0, text=" Hyvä. ")

    page = visitor.get(f"/feedback/{token}")
    assert page.status_code == 200
    assert "anonyymi" in visible_text(page.get_data(as_text=True))
    assert visitor.post(f"/feedback/{token}", data=form).status_code == 200
    again = visitor.post(f"/feedback/{token}", data=form)

    assert again.status_code == 410
    assert "vastata vain kerran" in visible_text(again.get_data(as_text=True))
    (answer,) = _answers(app, survey_id)
    assert answer == {
        QuestionKind.scale: 5,
        QuestionKind.recommendation: 0,
        QuestionKind.free_text: "Hyvä.",
    }


def test_the_questions_are_asked_in_the_respondents_language(app, survey):
    _survey_id, tokens, case = survey
    swedish = next(e for e in case.client_emails if "-sv-" in e)

    page = app.test_client().get(f"/feedback/{tokens[swedish]}")

    text = visible_text(page.get_data(as_text=True))
    assert "Utbildningen motsvarade våra behov." in text
    assert "Koulutus vastasi tarpeitamme." not in text


def test_the_answer_cannot_be_tied_to_the_person(app, survey):
    survey_id, tokens, _case = survey
    for token in tokens.values():
        app.test_client().post(f"/feedback/{token}", data=survey_form(app, survey_id))
    answer_columns = set(FeedbackAnswer.__table__.columns.keys())
    answer_columns |= set(FeedbackValue.__table__.columns.keys())
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
    ("change", "message"),
    [
        ({QuestionKind.scale: "6"}, "1–5"),
        ({QuestionKind.scale: "x"}, "1–5"),
        ({QuestionKind.scale: None}, "1–5"),
        ({QuestionKind.recommendation: "11"}, "0–10"),
        ({QuestionKind.recommendation: "-1"}, "0–10"),
        ({QuestionKind.free_text: "x" * 4001}, "4000"),
    ],
)
def test_answers_out_of_range_are_refused_and_nothing_is_saved(
    app, survey, change, message
):
    survey_id, tokens, _case = survey
    token = next(iter(tokens.values()))
    form = survey_form(app, survey_id, text="Kommentti")
    with app.app_context():
        first_of_kind = {}
        for question in db.session.get(
            FeedbackSurvey, survey_id
        ).question_set.questions:
            first_of_kind.setdefault(question.kind, f"question_{question.id}")
    for kind, value in change.items():
        if value is None:
            form.pop(first_of_kind[kind])
        else:
            form[first_of_kind[kind]] = value

    page = app.test_client().post(f"/feedback/{token}", data=form)

    assert page.status_code == 422
    assert message in visible_text(page.get_data(as_text=True))
    assert _answers(app, survey_id) == []
    assert app.test_client().get(f"/feedback/{token}").status_code == 200, (
        "the link is still unused"
    )


def test_a_forged_link_finds_nothing(app, survey):
    assert app.test_client().get("/feedback/not-a-real-token").status_code == 404


def test_a_closed_survey_refuses_with_its_closing_day(app, survey):
    survey_id, tokens, _case = survey
    token = next(iter(tokens.values()))
    closed_on = date.today() - timedelta(days=1)
    with app.app_context():
        closed = db.session.get(FeedbackSurvey, survey_id)
        closed.opens_on = closed_on - timedelta(days=7)
        closed.closes_on = closed_on
        db.session.commit()

    page = app.test_client().post(
        f"/feedback/{token}", data=survey_form(app, survey_id)
    )

    assert page.status_code == 410
    day = f"{closed_on.day}.{closed_on.month}.{closed_on.year}"
    assert f"Kysely sulkeutui {day}" in visible_text(page.get_data(as_text=True))
    assert _answers(app, survey_id) == []


def _results_text(client, survey_id) -> str:
    page = client.get(f"/feedbacksurveyview/show/{survey_id}")
    assert page.status_code == 200
    return visible_text(page.get_data(as_text=True))


def test_results_appear_from_the_third_answer_without_names(app, survey, coordinator):
    survey_id, tokens, _case = survey
    links = iter(tokens.values())
    given = [(5, 10, "Loistava päivä."), (4, 9, None), (2, 3, "Liian nopea tahti.")]

    for scale, recommendation, text in given[:2]:
        form = survey_form(app, survey_id, scale, recommendation, text)
        app.test_client().post(f"/feedback/{next(links)}", data=form)
    hidden = _results_text(coordinator, survey_id)
    scale, recommendation, text = given[2]
    form = survey_form(app, survey_id, scale, recommendation, text)
    app.test_client().post(f"/feedback/{next(links)}", data=form)
    shown = _results_text(coordinator, survey_id)

    assert "Vastauksia: 2" in hidden and "Loistava päivä." not in hidden
    assert "vähintään 3" in hidden
    assert "Vastauksia: 3" in shown
    # 5, 4 and 2 give 3,7; recommendations 10, 9, 3: two promoters and one
    # detractor of three give a recommendation score of 33.
    assert "3,7" in shown and "suositteluindeksi 33" in shown
    assert "Liian nopea tahti." in shown and "Loistava päivä." in shown
    assert "Osallistuja0" not in shown, "no names beside the results"


def test_low_scores_open_a_follow_up_for_the_lead_provider_and_tell_the_coordinator(
    app, survey, client_as
):
    survey_id, tokens, case = survey
    good, low = list(tokens.values())[:2]
    app.test_client().post(f"/feedback/{good}", data=survey_form(app, survey_id))
    with app.app_context():
        assert (
            db.session.scalar(
                db.select(db.func.count(FeedbackFollowUp.id)).filter_by(
                    survey_id=survey_id
                )
            )
            == 0
        )

    form = survey_form(app, survey_id, scale=4, recommendation=6)
    app.test_client().post(f"/feedback/{low}", data=form)

    with app.app_context():
        (item,) = db.session.scalars(
            db.select(FeedbackFollowUp).filter_by(survey_id=survey_id)
        ).all()
        item_id = item.id
        assert "6" in item.findings and "@" not in item.findings
    told = {m.recipient for m in messages(app, f"negative-feedback-{item_id}:")}
    assert "sanna.virtanen@example.com" in told
    assert case.provider_emails <= told
    assert not told & case.client_emails
