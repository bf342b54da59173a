"""Foresight: which competences companies ask for, by service entity, theme
and industry, month by month; and the needs the operation did not meet:
requests that got no offer, and needs that no service of the menu covers.
All are counts: the figures show no single request or need."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import distinct, exists, extract, func, select

from app.extensions import db
from app.models import (
    NeedsAssessment,
    Offer,
    Organisation,
    RequestForQuotation,
    ServiceEntity,
    ServiceTheme,
)
from app.models.needs import needs_assessment_service_entity as need_entity
from app.models.quotations import request_service_entity
from app.models.service_menu import service_entity_theme
from app.services.clock import local_now
from app.services.metrics.period import Period, month_label


@dataclass
class NeedCount:
    month: str
    label: str
    needs: int


def _months_of(period: Period, label, joins, *conditions) -> list[NeedCount]:
    year = extract("year", NeedsAssessment.assessed_on)
    month = extract("month", NeedsAssessment.assessed_on)
    query = select(year, month, label, func.count(NeedsAssessment.id)).select_from(
        NeedsAssessment
    )
    for target, condition in joins:
        query = query.join(target, condition)
    rows = db.session.execute(
        query.where(period.holds(NeedsAssessment.assessed_on), *conditions)
        .group_by(year, month, label)
        .order_by(year, month, label)
    )
    unknown = str(_l("Not known"))
    return [
        NeedCount(month_label(y, m), name or unknown, count)
        for y, m, name, count in rows
    ]


ENTITY_JOINS = [
    (need_entity, need_entity.c.needs_assessment_id == NeedsAssessment.id),
    (ServiceEntity, ServiceEntity.id == need_entity.c.service_entity_id),
]


def needs_by_entity(period: Period) -> list[NeedCount]:
    return _months_of(period, ServiceEntity.name, ENTITY_JOINS)


def needs_by_theme(period: Period) -> list[NeedCount]:
    return _months_of(
        period,
        ServiceTheme.name,
        [
            *ENTITY_JOINS,
            (
                service_entity_theme,
                service_entity_theme.c.service_entity_id == ServiceEntity.id,
            ),
            (ServiceTheme, ServiceTheme.id == service_entity_theme.c.theme_id),
        ],
    )


def needs_by_industry(period: Period) -> list[NeedCount]:
    return _months_of(
        period,
        Organisation.industry,
        [(Organisation, Organisation.id == NeedsAssessment.company_id)],
    )


def requests_without_offers(
    period: Period, now: datetime | None = None
) -> list[NeedCount]:
    """Requests published in the period whose deadline passed with no offer,
    counted by month and service entity. Only counts: the steering group does
    not read the requests themselves."""
    year = extract("year", RequestForQuotation.published_on)
    month = extract("month", RequestForQuotation.published_on)
    entity = func.coalesce(ServiceEntity.name, "")
    rows = db.session.execute(
        select(year, month, entity, func.count(distinct(RequestForQuotation.id)))
        .select_from(RequestForQuotation)
        .outerjoin(
            request_service_entity,
            request_service_entity.c.request_id == RequestForQuotation.id,
        )
        .outerjoin(
            ServiceEntity,
            ServiceEntity.id == request_service_entity.c.service_entity_id,
        )
        .where(
            period.holds(RequestForQuotation.published_on),
            RequestForQuotation.offer_deadline < (now or local_now()),
            ~exists().where(
                Offer.request_id == RequestForQuotation.id,
                Offer.submitted_on.is_not(None),
            ),
        )
        .group_by(year, month, entity)
        .order_by(year, month, entity)
    )
    unknown = str(_l("Not known"))
    return [
        NeedCount(month_label(y, m), name or unknown, count)
        for y, m, name, count in rows
    ]


def needs_without_service(period: Period) -> list[NeedCount]:
    """Needs assessed in the period that name no service entity of the menu,
    counted by month and the company's industry: what the menu may lack."""
    return _months_of(
        period,
        Organisation.industry,
        [(Organisation, Organisation.id == NeedsAssessment.company_id)],
        ~exists().where(need_entity.c.needs_assessment_id == NeedsAssessment.id),
    )
