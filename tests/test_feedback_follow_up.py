"""Negative feedback's follow-up through the app's routes as the real roles:
the lead provider records the handling and closes the item; closing without a
handling is refused; other providers and the client never see the item."""

from datetime import date, timedelta

import pytest

from app.extensions import db
from app.models import (
    ContractStatus,
    FeedbackFollowUp,
    FeedbackSurvey,
    FollowUpStatus,
    ServiceContract,
    SurveyKind,
)
from app.services.clock import local_now
from tests.path_records import default_set_id, new_contract
from tests.test_workflow_offers import _flash


@pytest.fixture
def follow_up(app):
    """An open item on a delivery led by provider1's organisation."""
    case = new_contract(
        app,
        signed_on=date.today(),
        status=ContractStatus.in_delivery,
        provider_login="provider1",
    )
    with app.app_context():
        contract = db.session.get(ServiceContract, case.contract_id)
        survey = FeedbackSurvey(
            contract=contract,
            kind=SurveyKind.final,
            opens_on=date.today() - timedelta(days=3),
            closes_on=date.today(),
            question_set_id=default_set_id(app),
        )
        item = FeedbackFollowUp(survey=survey, findings="Suosittelu: 4")
        db.session.add(item)
        db.session.commit()
        return item.id


def _item(app, item_id) -> FeedbackFollowUp:
    with app.app_context():
        item = db.session.get(FeedbackFollowUp, item_id)
        db.session.expunge(item)
        return item


def test_the_lead_provider_closes_an_item_once_its_handling_is_written(
    app, client_as, follow_up
):
    provider = client_as("provider1")

    provider.post(f"/feedbackfollowupview/action/close_follow_up/{follow_up}")
    assert "Kirjaa ensin, miten palaute käsiteltiin" in _flash(provider)
    assert _item(app, follow_up).status is FollowUpStatus.open

    provider.post(
        f"/feedbackfollowupview/edit/{follow_up}",
        data={"handling": "Soitettiin asiakkaalle ja sovittiin lisäharjoitus."},
    )
    provider.post(f"/feedbackfollowupview/action/close_follow_up/{follow_up}")

    closed = _item(app, follow_up)
    assert closed.status is FollowUpStatus.closed
    assert closed.closed_on == local_now().date()
    assert closed.handling.startswith("Soitettiin")


@pytest.mark.parametrize("username", ["provider2", "client1", "steering"])
def test_others_do_not_see_the_item(app, client_as, follow_up, username):
    client = client_as(username)

    shown = client.get(f"/feedbackfollowupview/show/{follow_up}")
    listed = client.get("/feedbackfollowupview/list/")

    assert shown.status_code in (403, 404)
    assert f"/feedbackfollowupview/show/{follow_up}" not in listed.get_data(
        as_text=True
    )
    client.post(f"/feedbackfollowupview/action/close_follow_up/{follow_up}")
    assert _item(app, follow_up).status is FollowUpStatus.open


def test_the_coordinator_follows_but_does_not_close(app, coordinator, follow_up):
    page = coordinator.get(f"/feedbackfollowupview/show/{follow_up}")
    assert page.status_code == 200 and "Suosittelu: 4" in page.get_data(as_text=True)

    response = coordinator.post(
        f"/feedbackfollowupview/action/close_follow_up/{follow_up}"
    )

    assert response.status_code == 403
    assert _item(app, follow_up).status is FollowUpStatus.open
