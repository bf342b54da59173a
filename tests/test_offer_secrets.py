"""Business secrets in offers and the public disclosure of a decided request:
what a lead provider may mark, who sees the markings, and that the public
version hides exactly the marked passages and nothing else.

Messages are read in English (``_l_=en``), whose pages show the message ids.
"""

from datetime import datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from babel.numbers import format_currency

from app.extensions import db
from app.models import (
    AuditEvent,
    ConsortiumMember,
    Offer,
    OfferSecret,
    OfferStatus,
    Organisation,
    RequestForQuotation,
)
from app.security.role_names import COORDINATOR
from app.security.row_rules import read_condition
from app.security.viewer import SYSTEM, Viewer
from app.services.clock import local_now
from app.services.workflow import offer_secrets
from app.services.workflow import offers as offer_steps
from tests.conftest import visible_text
from tests.path_records import organisation_id_of, published_request

COUNTER = iter(range(1, 10_000))
EN = {"_l_": "en"}
PRICE = "12000.00"

SHOWN = ["Neljä lähipäivää Tikkurilassa.", "Hinta 12 000 € sisältää materiaalit."]
SECRET = "Harjoittelu tehdään omalla X-200-simulaattorilla."
CONTENT = " ".join([SHOWN[0], SECRET, SHOWN[1], SECRET])
PART_SHOWN = "Verkko-opetus omalla alustalla."
PART_SECRET = "Alihankkijana toimii Oy Esimerkki Ab."
PART = f"{PART_SHOWN} {PART_SECRET}"
REASONS = ["Oma tuotekehitys, kilpailijat hyötyisivät.", "Sopimus alihankkijan kanssa."]


def _own_method() -> str:
    """A sentence no other test's offer holds."""
    return f"Menetelmä M{next(COUNTER)}-{datetime.now():%H%M%S%f} on oma."


def _draft(
    app, client_as, request_id, username="provider1", member=None, extra=""
) -> int:
    """A draft offer by ``username``, with ``member`` as a confirmed member and
    ``extra`` after the usual content."""
    lead = client_as(username)
    form = {
        "request": request_id,
        "lead_provider": organisation_id_of(app, username),
        "content": f"{CONTENT} {extra}".strip(),
        "price": PRICE,
        "vat_rate": "0",
        "valid_until": "2030-06-30",
    }
    assert lead.post("/offerview/add", data=form).status_code == 302
    with app.app_context():
        offer_id = db.session.scalar(
            db.select(Offer.id)
            .filter_by(request_id=request_id, lead_provider_id=form["lead_provider"])
            .order_by(Offer.id.desc())
        )
        if member:
            db.session.add(
                ConsortiumMember(
                    offer_id=offer_id,
                    provider_id=organisation_id_of(app, member),
                    part=PART,
                    share_percent=40,
                    confirmed_on=datetime.now(),
                )
            )
            db.session.commit()
    return offer_id


def _mark(client, offer_id, passage, reason="Oma menetelmä."):
    return client.post(
        "/offersecretview/add",
        data={"offer": offer_id, "passage": passage, "reason": reason},
        query_string=EN,
    )


def _markings(app, offer_id) -> list[tuple[str, str]]:
    with app.app_context():
        return [
            (secret.passage, secret.reason)
            for secret in db.session.scalars(
                db.select(OfferSecret).filter_by(offer_id=offer_id)
            )
        ]


def _secret_id(app, offer_id) -> int:
    with app.app_context():
        return db.session.scalar(db.select(OfferSecret.id).filter_by(offer_id=offer_id))


def _move_deadline(app, request_id, days: int) -> None:
    with app.app_context():
        db.session.get(RequestForQuotation, request_id).offer_deadline = (
            datetime.now() + timedelta(days=days)
        )
        db.session.commit()


# --- Marking ------------------------------------------------------------------


def test_the_lead_provider_marks_passages_of_its_content_and_members_parts(
    app, client_as
):
    offer_id = _draft(app, client_as, published_request(app), member="provider2")
    lead = client_as("provider1")

    assert _mark(lead, offer_id, SECRET, REASONS[0]).status_code == 302
    assert _mark(lead, offer_id, PART_SECRET, REASONS[1]).status_code == 302

    assert sorted(_markings(app, offer_id)) == sorted(
        [(SECRET, REASONS[0]), (PART_SECRET, REASONS[1])]
    )
    page = lead.get(f"/offerview/show/{offer_id}", query_string=EN)
    assert "Passages marked as business secrets" in page.get_data(as_text=True)


def test_a_marking_is_added_from_the_tab_on_the_offers_page(app, client_as):
    offer_id = _draft(app, client_as, published_request(app))
    lead = client_as("provider1")
    page = lead.get(f"/offerview/show/{offer_id}").get_data(as_text=True)
    tab_add = f"/offersecretview/add?_flt_0_offer={offer_id}"

    response = lead.post(tab_add, data={"passage": SECRET, "reason": REASONS[0]})

    assert tab_add in page
    assert response.status_code == 302
    assert _markings(app, offer_id) == [(SECRET, REASONS[0])]
    shown = lead.get(f"/offerview/show/{offer_id}").get_data(as_text=True)
    assert shown.count(f">{SECRET}</mark>") == 2


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_marking_without_a_reason_is_refused(app, client_as, reason):
    offer_id = _draft(app, client_as, published_request(app))

    response = _mark(client_as("provider1"), offer_id, SECRET, reason)

    assert response.status_code == 422
    assert "Write why the passage is a business secret." in response.get_data(
        as_text=True
    )
    assert _markings(app, offer_id) == []


def test_a_passage_not_in_the_offer_is_refused(app, client_as):
    offer_id = _draft(app, client_as, published_request(app))

    response = _mark(client_as("provider1"), offer_id, "Tätä ei tarjouksessa lue.")

    assert response.status_code == 422
    assert "is not found word for word" in response.get_data(as_text=True)
    assert _markings(app, offer_id) == []


def test_a_passage_holding_the_price_is_refused(app, client_as):
    offer_id = _draft(app, client_as, published_request(app))

    response = _mark(client_as("provider1"), offer_id, SHOWN[1])

    assert response.status_code == 422
    assert "never a business secret" in response.get_data(as_text=True)
    assert _markings(app, offer_id) == []


PRICE_FORMS = ["12000", "12 000", "12\u00a0000,00", "12000,00", "12.000"]
PRICE_FORMS += ["12 000,00 €", "hinta 12000.", "12\u202f000 €", "12,000.00"]
PRICE_FORMS += ["12 000,00 15 hengelle", "12 000,-"]
OTHER_NUMBERS = ["112000", "120 000", "12 000 000", "1200", "12000,50", "2 000"]


@pytest.mark.parametrize("passage", PRICE_FORMS)
def test_the_price_is_found_in_any_usual_form(passage):
    offer = SimpleNamespace(price=Decimal(PRICE), vat_rate=Decimal(0))
    assert offer_secrets.holds_price(offer, f"Yhteensä {passage} ja matkat.")


def test_the_price_with_vat_is_the_price_too():
    offer = SimpleNamespace(price=Decimal(PRICE), vat_rate=Decimal("25.5"))
    assert offer_secrets.holds_price(offer, "Verollinen hinta 15 060,00 €.")


@pytest.mark.parametrize("passage", OTHER_NUMBERS)
def test_other_numbers_are_not_the_price(passage):
    offer = SimpleNamespace(price=Decimal(PRICE), vat_rate=Decimal(0))
    assert not offer_secrets.holds_price(offer, f"Yhteensä {passage} ja matkat.")


def test_no_marking_changes_once_the_offer_is_submitted(app, client_as):
    offer_id = _draft(app, client_as, published_request(app))
    lead = client_as("provider1")
    _mark(lead, offer_id, SECRET)
    secret_id = _secret_id(app, offer_id)
    lead.post(f"/offerview/action/submit/{offer_id}")

    response = _mark(lead, offer_id, PART_SHOWN.split()[0])
    edit = lead.post(
        f"/offersecretview/edit/{secret_id}", data={"passage": SECRET, "reason": "x"}
    )
    delete = lead.post(f"/offersecretview/delete/{secret_id}")

    assert response.status_code == 422
    assert "only in a draft offer" in response.get_data(as_text=True)
    assert (edit.status_code, delete.status_code) == (403, 403)
    assert _markings(app, offer_id) == [(SECRET, "Oma menetelmä.")]


def test_a_member_provider_reads_but_does_not_mark(app, client_as):
    offer_id = _draft(app, client_as, published_request(app), member="provider2")
    _mark(client_as("provider1"), offer_id, SECRET)
    member = client_as("provider2")

    listed = member.get(f"/offersecretview/show/{_secret_id(app, offer_id)}")
    response = _mark(member, offer_id, PART_SECRET)

    assert SECRET in listed.get_data(as_text=True)
    assert response.status_code == 422
    assert _markings(app, offer_id) == [(SECRET, "Oma menetelmä.")]


def test_another_provider_neither_sees_nor_changes_the_markings(app, client_as):
    method = _own_method()
    offer_id = _draft(app, client_as, published_request(app), extra=method)
    _mark(client_as("provider1"), offer_id, method, REASONS[0])
    secret_id = _secret_id(app, offer_id)
    other = client_as("provider2")

    pages = [
        other.get("/offersecretview/list/"),
        other.get("/offersecretview/list/", query_string={"_flt_0_passage": "M"}),
        other.get(f"/offersecretview/show/{secret_id}"),
        other.get(f"/offerview/show/{offer_id}"),
        other.get("/offersecretview/add"),
    ]
    refused = [
        other.get(f"/offersecretview/edit/{secret_id}").status_code,
        other.post(f"/offersecretview/delete/{secret_id}").status_code,
        _mark(other, offer_id, SHOWN[0]).status_code,
    ]

    for page in pages:
        text = page.get_data(as_text=True)
        assert method not in text
    assert [page.status_code for page in pages[2:4]] == [404, 404]
    assert refused == [404, 404, 422]
    assert _markings(app, offer_id) == [(method, REASONS[0])]


def test_markings_are_sealed_with_the_offer_until_the_deadline(app, client_as):
    request_id = published_request(app)
    method = _own_method()
    offer_id = _draft(app, client_as, request_id, extra=method)
    lead = client_as("provider1")
    _mark(lead, offer_id, method)
    lead.post(f"/offerview/action/submit/{offer_id}")
    readers = [client_as("coordinator"), client_as("client1")]

    before = [r.get("/offersecretview/list/").get_data(as_text=True) for r in readers]
    _move_deadline(app, request_id, days=-1)
    after = [r.get("/offersecretview/list/").get_data(as_text=True) for r in readers]

    assert [method in page for page in before] == [False, False]
    assert [method in page for page in after] == [True, True]


def test_the_audit_log_keeps_sealed_markings_hidden(app, client_as):
    request_id = published_request(app)
    offer_id = _draft(app, client_as, request_id)
    _mark(client_as("provider1"), offer_id, SECRET)
    secret_id = _secret_id(app, offer_id)
    coordinator = Viewer(
        frozenset({COORDINATOR}), organisation_id_of(app, "coordinator")
    )

    def events_seen() -> int:
        with app.app_context():
            return db.session.scalar(
                db.select(db.func.count(AuditEvent.id)).where(
                    AuditEvent.record_type == "OfferSecret",
                    AuditEvent.record_id == secret_id,
                    read_condition(AuditEvent, coordinator),
                )
            )

    before = events_seen()
    _move_deadline(app, request_id, days=-1)

    assert (before, events_seen()) == (0, 1)


def test_a_new_version_keeps_the_markings(app, client_as):
    offer_id = _draft(app, client_as, published_request(app), member="provider2")
    lead = client_as("provider1")
    _mark(lead, offer_id, SECRET, REASONS[0])
    _mark(lead, offer_id, PART_SECRET, REASONS[1])
    lead.post(f"/offerview/action/submit/{offer_id}")

    response = lead.post(f"/offerview/action/revise/{offer_id}")

    revision_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert revision_id != offer_id
    assert sorted(_markings(app, revision_id)) == sorted(_markings(app, offer_id))
    assert len(_markings(app, revision_id)) == 2


def test_an_offer_whose_marked_passage_was_edited_away_is_not_submitted(app, client_as):
    offer_id = _draft(app, client_as, published_request(app))
    lead = client_as("provider1")
    _mark(lead, offer_id, SECRET)
    with app.app_context():
        db.session.get(Offer, offer_id).content = SHOWN[0]
        db.session.commit()

    lead.post(f"/offerview/action/submit/{offer_id}", query_string=EN)

    assert "no longer fits the offer" in lead.get("/", query_string=EN).get_data(
        as_text=True
    )
    with app.app_context():
        assert db.session.get(Offer, offer_id).status is OfferStatus.draft


# --- The public disclosure ------------------------------------------------------

OLD_SENTENCE = "Ensimmäisen version lause, joka poistui."
P2_SHOWN, P2_SECRET = "Toisen tarjoajan oma tarjous.", "Toisen tarjoajan menetelmä."
P2_DRAFT = "Toisen tarjoajan keskeneräinen luonnos."


def _submit(app, offer_id, **changes) -> None:
    """Change a draft as its lead provider would, confirm its members, submit."""
    with app.app_context():
        offer = db.session.get(Offer, offer_id)
        for name, value in changes.items():
            setattr(offer, name, value)
        for member in offer.members:
            member.confirmed_on = datetime.now()
        offer_steps.submit(offer, SYSTEM)
        db.session.commit()


def _revise(app, offer_id, **changes) -> int:
    with app.app_context():
        revision = offer_steps.revise(db.session.get(Offer, offer_id), SYSTEM)
        for name, value in changes.items():
            setattr(revision, name, value)
        db.session.commit()
        return revision.id


def _decided_request(app, client_as) -> tuple[int, str]:
    """A request with provider1's consortium offer accepted (its second version)
    and provider2's offer not chosen (a later draft never submitted)."""
    request_id = published_request(app)
    first = _draft(app, client_as, request_id, member="provider2", extra=OLD_SENTENCE)
    lead = client_as("provider1")
    _mark(lead, first, SECRET, REASONS[0])
    _mark(lead, first, PART_SECRET, REASONS[1])
    _submit(app, first)
    winner = _revise(app, first)
    _submit(app, winner, content=CONTENT)

    other = _draft(app, client_as, request_id, username="provider2")
    _submit(app, other, content=f"{P2_SHOWN} {P2_SECRET}", price=Decimal("13000"))
    with app.app_context():
        db.session.add(OfferSecret(offer_id=other, passage=P2_SECRET, reason="Oma."))
        db.session.commit()
    _revise(app, other, content=P2_DRAFT)

    _move_deadline(app, request_id, days=-1)
    with app.app_context():
        offer_steps.accept(db.session.get(Offer, winner), SYSTEM)
        db.session.commit()
        return request_id, db.session.get(RequestForQuotation, request_id).reference


def test_the_public_disclosure_hides_exactly_the_marked_passages(app, client_as):
    request_id, reference = _decided_request(app, client_as)
    coordinator = client_as("coordinator")

    page = coordinator.get(f"/requestforquotationview/show/{request_id}")
    response = coordinator.get(
        f"/requestforquotationview/disclosure/{request_id}", query_string=EN
    )

    assert f"/requestforquotationview/disclosure/{request_id}" in page.get_data(
        as_text=True
    )
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert reference in response.headers["Content-Disposition"]
    html = response.get_data(as_text=True)
    text = visible_text(html)
    for hidden in [SECRET, PART_SECRET, P2_SECRET, *REASONS, "Oma."]:
        assert hidden not in text
    for shown in [*SHOWN, PART_SHOWN, P2_SHOWN, "Simulaattorikoulutus työnjohdolle."]:
        assert shown in text
    assert html.count('class="hidden-secret"') == 4
    for price in ("12000", "13000"):
        assert format_currency(Decimal(price), "EUR", locale="en") in text
    assert "Accepted" in text and "Not chosen" in text
    assert f"Decided on {local_now():%-d.%-m.%Y}" in text


def test_the_public_disclosure_holds_only_final_versions_and_no_personal_data(
    app, client_as
):
    request_id, _reference = _decided_request(app, client_as)

    response = client_as("coordinator").get(
        f"/requestforquotationview/disclosure/{request_id}"
    )

    text = visible_text(response.get_data(as_text=True))
    assert OLD_SENTENCE not in text and P2_DRAFT not in text
    with app.app_context():
        company = db.session.get(Organisation, organisation_id_of(app, "client1"))
        assert company.name in text
        people = company.contact_people
        assert people
        for person in people:
            assert person.email not in text
            assert f"{person.first_name} {person.last_name}" not in text
    assert "@" not in text


def test_no_public_disclosure_before_the_decision(app, client_as):
    request_id = published_request(app)
    _submit(app, _draft(app, client_as, request_id))
    _move_deadline(app, request_id, days=-1)
    coordinator = client_as("coordinator")

    response = coordinator.get(
        f"/requestforquotationview/disclosure/{request_id}", query_string=EN
    )
    page = coordinator.get(
        f"/requestforquotationview/show/{request_id}", query_string=EN
    ).get_data(as_text=True)

    assert response.status_code == 302
    assert "Content-Disposition" not in response.headers
    assert "only once an offer has been accepted" in page
    assert f"/requestforquotationview/disclosure/{request_id}" not in page


@pytest.mark.parametrize("username", ["provider1", "client1", "steering", "admin"])
def test_only_the_coordinator_makes_the_public_disclosure(app, client_as, username):
    request_id, _reference = _decided_request(app, client_as)

    response = client_as(username).get(
        f"/requestforquotationview/disclosure/{request_id}"
    )

    assert response.status_code in (302, 403)
    assert "Content-Disposition" not in response.headers
    assert SHOWN[0] not in response.get_data(as_text=True)
