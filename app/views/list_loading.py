"""What a list page loads with its rows, so that it takes the same number of
queries at 25 rows as at 100.

Left to itself, a list fetches each related record it shows (a lead's company,
an offer's request) with a query of its own, and the records their labels name
(a contract is labelled with its offer's request) with more. The loader options
built here fetch them with the page's rows instead: records the row points to
in the same query, collections in one more query per relation.
"""

from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.strategy_options import _AbstractLoad

from app.models import (
    Certificate,
    ClosingReport,
    ConsortiumMember,
    ContactPerson,
    FeedbackAnswer,
    FeedbackFollowUp,
    FeedbackSurvey,
    ImplementationPlan,
    Invoice,
    InvoicingMilestone,
    Lead,
    NeedsAssessment,
    Offer,
    PartnershipAgreement,
    RequestDistribution,
    ServiceContract,
)

# The related records that a model's label (its ``__str__``) reads.
LABEL_PATHS: dict[type, tuple[str, ...]] = {
    Certificate: ("participant",),
    ClosingReport: ("contract.offer.request",),
    ConsortiumMember: ("provider",),
    ContactPerson: ("organisation",),
    FeedbackAnswer: ("survey.contract",),
    FeedbackFollowUp: ("survey.contract",),
    FeedbackSurvey: ("contract",),
    ImplementationPlan: ("contract.offer.request",),
    Lead: ("company",),
    NeedsAssessment: ("company",),
    Offer: ("request", "lead_provider"),
    PartnershipAgreement: ("provider",),
    RequestDistribution: ("request", "provider"),
    ServiceContract: ("offer.request",),
}

# The related records that a computed list column reads, by model and column.
PROPERTY_PATHS: dict[tuple[type, str], tuple[str, ...]] = {
    (Invoice, "gross_total"): ("lines",),
    (InvoicingMilestone, "invoicing_status"): ("invoices",),
}


def list_paths(model: type, columns: list[str]) -> list[str]:
    """The relation paths, dotted, that a list of ``model`` with ``columns``
    shows."""
    relations = model.__mapper__.relationships
    paths = []
    for column in columns:
        paths += PROPERTY_PATHS.get((model, column), ())
        if column not in relations:
            continue
        paths.append(column)
        target = relations[column].mapper.class_
        paths += [f"{column}.{path}" for path in LABEL_PATHS.get(target, ())]
    return paths


def loader_options(model: type, columns: list[str]) -> list[_AbstractLoad]:
    """Loader options that fetch what the list shows with its rows."""
    return [_load(model, path.split(".")) for path in list_paths(model, columns)]


def _load(model: type, steps: list[str]) -> _AbstractLoad:
    option = None
    for step in steps:
        relation = model.__mapper__.relationships[step]
        attribute = getattr(model, step)
        strategy = selectinload if relation.uselist else joinedload
        option = (
            strategy(attribute)
            if option is None
            else (
                option.selectinload(attribute)
                if relation.uselist
                else option.joinedload(attribute)
            )
        )
        model = relation.mapper.class_
    return option
