"""Rules the database keeps even if a form or a command forgets them."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import (
    Offer,
    Organisation,
    OrganisationKind,
    PartnershipAgreement,
    RequestForQuotation,
)


def _first(model):
    return db.session.scalars(db.select(model).limit(1)).one()


def _provider():
    return db.session.scalars(
        db.select(Organisation).where(Organisation.kind == OrganisationKind.provider)
    ).first()


def test_a_business_id_belongs_to_one_organisation_only(app_context):
    existing = _first(Organisation)
    db.session.add(
        Organisation(
            name="Kaksoisyritys Oy",
            kind=OrganisationKind.client,
            business_id=existing.business_id,
        )
    )
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_an_offer_price_cannot_be_negative(app_context):
    db.session.add(
        Offer(
            request=_first(RequestForQuotation),
            lead_provider=_provider(),
            content="Testi",
            price=Decimal("-1.00"),
            vat_rate=Decimal("0"),
            valid_until=date(2030, 1, 1),
        )
    )
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_an_agreement_cannot_end_before_it_starts(app_context):
    db.session.add(
        PartnershipAgreement(
            provider=_provider(),
            signed_on=date(2025, 1, 1),
            valid_from=date(2025, 2, 1),
            valid_until=date(2025, 1, 31),
        )
    )
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_records_remember_when_they_were_made(app_context):
    record = _first(Organisation)
    assert record.created_on is not None
    assert record.changed_on >= record.created_on


def test_a_choice_shows_its_label_and_stores_its_code(app_context):
    offer = _first(Offer)
    stored = db.session.execute(
        db.text("SELECT status FROM offer WHERE id = :id"), {"id": offer.id}
    ).scalar_one()
    assert stored == offer.status.name
    assert str(offer.status) != offer.status.name
