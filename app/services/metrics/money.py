"""Contract value and the coordinator's commission by month, by service
entity and by provider, for contracts signed in the period. A contract for
several service entities counts in full under each of them."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import extract, func, select

from app.extensions import db
from app.models import Offer, Organisation, ServiceContract, ServiceEntity
from app.models.quotations import request_service_entity
from app.services.metrics.period import Period, month_label


@dataclass
class MoneyRow:
    label: str
    contracts: int
    value: Decimal
    commission: Decimal


def _rows(query) -> list[MoneyRow]:
    return [
        MoneyRow(str(label), count, Decimal(value or 0), Decimal(commission or 0))
        for label, count, value, commission in db.session.execute(query)
    ]


def _sums():
    return (
        func.count(ServiceContract.id),
        func.sum(ServiceContract.value),
        func.sum(ServiceContract.commission_amount),
    )


def by_month(period: Period) -> list[MoneyRow]:
    year = extract("year", ServiceContract.signed_on)
    month = extract("month", ServiceContract.signed_on)
    rows = db.session.execute(
        select(year, month, *_sums())
        .where(period.holds(ServiceContract.signed_on))
        .group_by(year, month)
        .order_by(year, month)
    )
    return [
        MoneyRow(month_label(y, m), count, Decimal(value or 0), Decimal(fee or 0))
        for y, m, count, value, fee in rows
    ]


def by_provider(period: Period) -> list[MoneyRow]:
    return _rows(
        select(Organisation.name, *_sums())
        .join(ServiceContract.offer)
        .join(Organisation, Organisation.id == Offer.lead_provider_id)
        .where(period.holds(ServiceContract.signed_on))
        .group_by(Organisation.name)
        .order_by(Organisation.name)
    )


def by_service(period: Period) -> list[MoneyRow]:
    return _rows(
        select(ServiceEntity.name, *_sums())
        .join(ServiceContract.offer)
        .join(
            request_service_entity,
            request_service_entity.c.request_id == Offer.request_id,
        )
        .join(
            ServiceEntity,
            ServiceEntity.id == request_service_entity.c.service_entity_id,
        )
        .where(period.holds(ServiceContract.signed_on))
        .group_by(ServiceEntity.name)
        .order_by(ServiceEntity.name)
    )
