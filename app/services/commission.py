"""The coordinator's commission: a percentage of a contract's value, from the
most specific commission rule valid on the day the contract was signed. A rule
for the provider and the service beats one for the provider, which beats one
for the service, which beats a general one; among equals the latest wins."""

from decimal import Decimal

from sqlalchemy import or_

from app.extensions import db
from app.models import CommissionRule, ServiceContract


def rule_for(contract: ServiceContract) -> CommissionRule | None:
    signed = contract.signed_on
    provider_id = contract.offer.lead_provider_id
    entity_ids = {entity.id for entity in contract.offer.request.service_entities}
    candidates = db.session.scalars(
        db.select(CommissionRule).where(
            CommissionRule.valid_from <= signed,
            or_(
                CommissionRule.valid_until.is_(None),
                CommissionRule.valid_until >= signed,
            ),
            or_(
                CommissionRule.provider_id.is_(None),
                CommissionRule.provider_id == provider_id,
            ),
        )
    ).all()
    fitting = [
        rule
        for rule in candidates
        if rule.service_entity_id is None or rule.service_entity_id in entity_ids
    ]
    if not fitting:
        return None
    return max(
        fitting,
        key=lambda rule: (
            rule.provider_id is not None,
            rule.service_entity_id is not None,
            rule.valid_from,
            rule.id,
        ),
    )


def apply(contract: ServiceContract) -> None:
    """Fix the contract's commission from the rule that applies to it."""
    rule = rule_for(contract)
    contract.commission_rule = rule
    if rule is None:
        contract.commission_percent = None
        contract.commission_amount = None
        return
    contract.commission_percent = rule.percentage
    contract.commission_amount = (
        Decimal(contract.value) * rule.percentage / 100
    ).quantize(Decimal("0.01"))
