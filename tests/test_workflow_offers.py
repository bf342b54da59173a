"""Offers through the app's routes as the real roles: a consortium offer with a
member's confirmation, new versions, declines, the deadline, and the client's
acceptance with its contract and emails; then two acceptances at once."""

import multiprocessing
from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from app.extensions import db
from app.models import (
    ConsortiumMember,
    Offer,
    OfferStatus,
    RequestDistribution,
    RequestForQuotation,
    RequestStatus,
    ServiceContract,
)
from app.security.viewer import SYSTEM
from app.services.workflow import offers as offer_steps
from app.services.workflow.errors import TransitionRefusedError
from tests.conftest import build_app
from tests.path_records import organisation_id_of, published_request


def _move_deadline(app, request_id, days: int) -> None:
    with app.app_context():
        request = db.session.get(RequestForQuotation, request_id)
        request.offer_deadline = datetime.now() + timedelta(days=days)
        db.session.commit()


def _offer_form(app, request_id, username="provider1", price="9800.00") -> dict:
    return {
        "request": request_id,
        "lead_provider": organisation_id_of(app, username),
        "content": "Neljä lähipäivää ja verkkotehtävät.",
        "price": price,
        "vat_rate": "0",
        "valid_until": "2030-06-30",
    }


def _latest_offer(app, request_id, username="provider1") -> Offer:
    with app.app_context():
        offer = db.session.scalars(
            db.select(Offer)
            .filter_by(
                request_id=request_id,
                lead_provider_id=organisation_id_of(app, username),
            )
            .order_by(Offer.version.desc())
        ).first()
        db.session.expunge_all()
        return offer


def _flash(client) -> str:
    return client.get("/").get_data(as_text=True)


def _consortium_offer(app, client_as, request_id) -> tuple[int, int]:
    lead = client_as("provider1")
    assert (
        lead.post("/offerview/add", data=_offer_form(app, request_id)).status_code
        == 302
    )
    offer = _latest_offer(app, request_id)
    response = lead.post(
        "/consortiummemberview/add",
        data={
            "offer": offer.id,
            "provider": organisation_id_of(app, "provider2"),
            "part": "Verkko-opetus",
            "share_percent": "40",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        member_id = db.session.scalar(
            db.select(ConsortiumMember.id).filter_by(offer_id=offer.id)
        )
    return offer.id, member_id


def test_a_consortium_offer_is_submitted_once_its_member_confirms(app, client_as):
    request_id = published_request(app)
    offer_id, member_id = _consortium_offer(app, client_as, request_id)
    lead, member = client_as("provider1"), client_as("provider2")

    lead.post(f"/offerview/action/submit/{offer_id}")
    assert "Jokaisen ryhmittymän jäsenen on ensin vahvistettava" in _flash(lead)
    assert _latest_offer(app, request_id).status is OfferStatus.draft

    member.post(f"/offerview/action/submit/{offer_id}")
    assert "Vain tarjouksen päätoimija voi tehdä tämän." in _flash(member)

    member.post(f"/consortiummemberview/action/confirm/{member_id}")
    lead.post(f"/offerview/action/submit/{offer_id}")

    offer = _latest_offer(app, request_id)
    assert offer.status is OfferStatus.submitted
    assert offer.submitted_on is not None


def test_a_new_version_replaces_the_submitted_one_and_both_are_kept(app, client_as):
    request_id = published_request(app)
    lead = client_as("provider1")
    lead.post("/offerview/add", data=_offer_form(app, request_id))
    first = _latest_offer(app, request_id)
    lead.post(f"/offerview/action/submit/{first.id}")

    assert (
        lead.post(f"/offerview/edit/{first.id}", data={"content": "x"}).status_code
        == 403
    )
    response = lead.post(f"/offerview/action/revise/{first.id}")
    second = _latest_offer(app, request_id)
    assert response.headers["Location"].endswith(f"/offerview/edit/{second.id}")
    lead.post(
        f"/offerview/edit/{second.id}", data=_offer_form(app, request_id, price="9100")
    )
    lead.post(f"/offerview/action/submit/{second.id}")

    with app.app_context():
        versions = db.session.scalars(
            db.select(Offer).filter_by(request_id=request_id).order_by(Offer.version)
        ).all()
        assert [(o.version, o.status) for o in versions] == [
            (1, OfferStatus.superseded),
            (2, OfferStatus.submitted),
        ]
        assert versions[1].price == Decimal("9100")


def test_no_offer_is_submitted_after_the_deadline(app, client_as):
    request_id = published_request(app)
    lead = client_as("provider1")
    lead.post("/offerview/add", data=_offer_form(app, request_id))
    offer = _latest_offer(app, request_id)
    _move_deadline(app, request_id, days=-1)

    lead.post(f"/offerview/action/submit/{offer.id}")

    assert "Tarjousten määräaika on päättynyt" in _flash(lead)
    assert _latest_offer(app, request_id).status is OfferStatus.draft


def test_no_offer_is_submitted_to_a_cancelled_request(app, client_as, coordinator):
    request_id = published_request(app)
    lead = client_as("provider1")
    lead.post("/offerview/add", data=_offer_form(app, request_id))
    offer = _latest_offer(app, request_id)
    coordinator.post(f"/requestforquotationview/action/cancel/{request_id}")

    lead.post(f"/offerview/action/submit/{offer.id}")

    assert "Tarjouspyyntöön ei voi nyt tarjota" in _flash(lead)
    assert _latest_offer(app, request_id).status is OfferStatus.draft


def test_a_provider_declines_with_a_reason(app, client_as):
    request_id = published_request(app)
    provider = client_as("provider2")
    with app.app_context():
        distribution_id = db.session.scalar(
            db.select(RequestDistribution.id).filter_by(
                request_id=request_id, provider_id=organisation_id_of(app, "provider2")
            )
        )

    provider.post(f"/requestdistributionview/action/decline/{distribution_id}")
    assert "Kirjoita ensin kieltäytymisen syy" in _flash(provider)

    provider.post(
        f"/requestdistributionview/edit/{distribution_id}",
        data={"decline_reason": "Kouluttajat varattu."},
    )
    provider.post(f"/requestdistributionview/action/decline/{distribution_id}")

    with app.app_context():
        distribution = db.session.get(RequestDistribution, distribution_id)
        assert distribution.declined_on is not None
        assert distribution.decline_reason == "Kouluttajat varattu."


def _two_submitted_offers(app, client_as) -> tuple[int, int, int]:
    request_id = published_request(app)
    ids = []
    for username, price in (("provider1", "9800"), ("provider2", "11200")):
        client = client_as(username)
        client.post(
            "/offerview/add", data=_offer_form(app, request_id, username, price)
        )
        offer = _latest_offer(app, request_id, username)
        client.post(f"/offerview/action/submit/{offer.id}")
        ids.append(offer.id)
    return request_id, ids[0], ids[1]


def test_the_client_accepts_one_offer_after_the_deadline(app, client_as, inbox):
    request_id, winner_id, other_id = _two_submitted_offers(app, client_as)
    client = client_as("client1")

    assert client.post(f"/offerview/action/accept/{winner_id}").status_code == 404, (
        "sealed before the deadline"
    )
    _move_deadline(app, request_id, days=-1)
    response = client.post(f"/offerview/action/accept/{winner_id}")

    with app.app_context():
        contract = db.session.scalars(
            db.select(ServiceContract).filter_by(offer_id=winner_id)
        ).one()
        assert response.headers["Location"].endswith(
            f"/servicecontractview/show/{contract.id}"
        )
        assert contract.value == Decimal("9800.00")
        assert db.session.get(Offer, winner_id).status is OfferStatus.accepted
        assert db.session.get(Offer, other_id).status is OfferStatus.rejected
        assert db.session.get(RequestForQuotation, request_id).status is (
            RequestStatus.awarded
        )
        winner_mail = app.appbuilder.sm.find_user(username="provider1")
    subjects = {m["To"]: m["Subject"] for m in inbox.messages}
    assert any("hyväksyttiin" in s for s in subjects.values())
    assert any("valittiin toinen tarjous" in s for s in subjects.values())
    assert winner_mail is not None

    client.post(f"/offerview/action/accept/{other_id}")
    assert "Vain jätetyn tarjouksen voi hyväksyä." in _flash(client)
    with app.app_context():
        assert (
            db.session.scalar(
                db.select(db.func.count(ServiceContract.id)).where(
                    ServiceContract.offer_id.in_([winner_id, other_id])
                )
            )
            == 1
        )


def test_another_company_cannot_accept(app, client_as):
    request_id, winner_id, _other = _two_submitted_offers(app, client_as)
    _move_deadline(app, request_id, days=-1)

    response = client_as("client2").post(f"/offerview/action/accept/{winner_id}")

    assert response.status_code == 404
    assert _latest_offer(app, request_id).status is OfferStatus.submitted


def _accept_in_another_process(database_url, offer_id, barrier, results):
    app = build_app(database_url)
    with app.app_context():
        offer = db.session.get(Offer, offer_id)
        barrier.wait(timeout=30)
        try:
            offer_steps.accept(offer, SYSTEM)
            db.session.commit()
            results.append("won")
        except TransitionRefusedError:
            results.append("refused")
        finally:
            db.session.remove()
            db.engine.dispose()


def test_two_acceptances_at_the_same_moment_one_wins(app, client_as, database_url):
    request_id, first_id, second_id = _two_submitted_offers(app, client_as)
    _move_deadline(app, request_id, days=-1)
    with app.app_context():
        db.engine.dispose()
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        barrier, results = manager.Barrier(2), manager.list()
        processes = [
            context.Process(
                target=_accept_in_another_process,
                args=(database_url, offer_id, barrier, results),
            )
            for offer_id in (first_id, second_id)
        ]
        for process in processes:
            process.start()
        for process in processes:
            process.join(timeout=60)
        outcomes = sorted(results)

    assert outcomes == ["refused", "won"]
    with app.app_context():
        statuses = sorted(
            db.session.get(Offer, offer_id).status.name
            for offer_id in (first_id, second_id)
        )
        contracts = db.session.scalar(
            db.select(db.func.count(ServiceContract.id)).where(
                ServiceContract.offer_id.in_([first_id, second_id])
            )
        )
    assert statuses == ["accepted", "rejected"]
    assert contracts == 1


@pytest.mark.parametrize("username", ["provider1", "steering"])
def test_only_the_client_or_coordinator_may_accept(app, client_as, username):
    request_id, winner_id, _other = _two_submitted_offers(app, client_as)
    _move_deadline(app, request_id, days=-1)

    response = client_as(username).post(f"/offerview/action/accept/{winner_id}")

    assert response.status_code in (403, 404)
    assert _latest_offer(app, request_id).status is OfferStatus.submitted
