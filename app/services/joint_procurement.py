"""Joint procurement (yhteishankinta): companies with open needs for the same
service entity, and a draft request that puts them on one request."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import func

from app.extensions import db
from app.models import (
    NeedsAssessment,
    NeedStatus,
    RequestForQuotation,
    ServiceEntity,
    SoughtDelivery,
)
from app.models.needs import needs_assessment_service_entity as need_entity
from app.services.clock import local_now

OFFER_PERIOD_DAYS = 21


@dataclass
class JointCandidate:
    """A service entity that two or more companies need now."""

    entity: ServiceEntity
    needs: list[NeedsAssessment]

    @property
    def companies(self) -> list:
        return sorted({need.company for need in self.needs}, key=lambda c: c.name)

    @property
    def people(self) -> int:
        return sum(need.people_count for need in self.needs)


def candidates() -> list[JointCandidate]:
    """Service entities with open needs of at least two companies."""
    shared = (
        db.select(need_entity.c.service_entity_id)
        .join(NeedsAssessment, NeedsAssessment.id == need_entity.c.needs_assessment_id)
        .where(NeedsAssessment.status == NeedStatus.open)
        .group_by(need_entity.c.service_entity_id)
        .having(func.count(func.distinct(NeedsAssessment.company_id)) >= 2)
    )
    entities = db.session.scalars(
        db.select(ServiceEntity)
        .where(ServiceEntity.id.in_(shared))
        .order_by(ServiceEntity.name)
    )
    return [JointCandidate(entity, _open_needs(entity.id)) for entity in entities]


def _open_needs(entity_id: int) -> list[NeedsAssessment]:
    return list(
        db.session.scalars(
            db.select(NeedsAssessment)
            .join(need_entity)
            .where(
                need_entity.c.service_entity_id == entity_id,
                NeedsAssessment.status == NeedStatus.open,
            )
            .order_by(NeedsAssessment.assessed_on)
        )
    )


def draft_request(entity_id: int) -> RequestForQuotation | None:
    """A draft request with every company that has an open need for the entity;
    the needs move into the request. None if there is no longer a joint need."""
    candidate = next((c for c in candidates() if c.entity.id == entity_id), None)
    if candidate is None:
        return None
    now = local_now()
    deadline = datetime.combine(
        now.date() + timedelta(days=OFFER_PERIOD_DAYS), time(16)
    )
    request = RequestForQuotation(
        reference=_next_reference(now.year),
        title=f"{candidate.entity.name} ({len(candidate.companies)})",
        description="\n\n".join(
            f"{need.company}: {need.competence_needs}" for need in candidate.needs
        ),
        expertise_sought=candidate.entity.description,
        sought_delivery=SoughtDelivery.either,
        offer_deadline=deadline,
        client_companies=candidate.companies,
        needs_assessments=candidate.needs,
        service_entities=[candidate.entity],
    )
    for need in candidate.needs:
        need.status = NeedStatus.in_request
    db.session.add(request)
    db.session.flush()
    return request


def _next_reference(year: int) -> str:
    prefix = f"TP-{year}-YH-"
    taken = db.session.scalar(
        db.select(func.count(RequestForQuotation.id)).where(
            RequestForQuotation.reference.startswith(prefix)
        )
    )
    return f"{prefix}{taken + 1:03d}"
