"""The client companies that signed contracts in the period, by size class and
by industry: how many companies and how much contract value. A contract with
several client companies counts its value under each of them."""

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import distinct, func, select

from app.extensions import db
from app.models import Offer, Organisation, ServiceContract
from app.models.quotations import request_client_company
from app.services.metrics.period import Period


@dataclass
class ClientGroup:
    label: str
    companies: int
    value: Decimal


def _grouped(period: Period, column) -> list[tuple]:
    return db.session.execute(
        select(
            column,
            func.count(distinct(Organisation.id)),
            func.sum(ServiceContract.value),
        )
        .select_from(ServiceContract)
        .join(Offer, Offer.id == ServiceContract.offer_id)
        .join(
            request_client_company,
            request_client_company.c.request_id == Offer.request_id,
        )
        .join(Organisation, Organisation.id == request_client_company.c.company_id)
        .where(period.holds(ServiceContract.signed_on))
        .group_by(column)
        .order_by(column)
    ).all()


def by_size_class(period: Period) -> list[ClientGroup]:
    unknown = str(_l("Not known"))
    return [
        ClientGroup(str(size) if size else unknown, count, Decimal(value))
        for size, count, value in _grouped(period, Organisation.size_class)
    ]


def by_industry(period: Period) -> list[ClientGroup]:
    unknown = str(_l("Not known"))
    return [
        ClientGroup(industry or unknown, count, Decimal(value))
        for industry, count, value in _grouped(period, Organisation.industry)
    ]
