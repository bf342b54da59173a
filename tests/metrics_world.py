"""A small fixed world for the steering group's figures, in a database of its
own, with every number in the tests worked out by hand from it.

January 2027 is the period. Two providers, Alfa and Beta, receive requests R1
and R2 (published in January) and Alfa also R3 (published in December).
Alfa offers on R1 twice (a revision), Beta once; Beta declines R2, Alfa says
nothing. Alfa wins R1 (10 000 €, commission 500 €, started in January) and
won R3 in December (4 000 €, 200 €), so the client returns in January. Targets:
5 leads for the first half of 2027 (and 40 for 2026), 20 000 € of contracts for
2027.
"""

from datetime import date, datetime
from decimal import Decimal

from app.extensions import db
from app.models import (
    ContractStatus,
    Lead,
    LeadSource,
    Metric,
    MetricTarget,
    NeedsAssessment,
    Offer,
    OfferStatus,
    Organisation,
    OrganisationKind,
    RequestDistribution,
    RequestForQuotation,
    RequestStatus,
    ServiceContract,
    ServiceEntity,
)


def organisation(name, kind, business_id) -> Organisation:
    return Organisation(name=name, kind=kind, business_id=business_id)


def build() -> None:
    alfa = organisation("Alfa", OrganisationKind.provider, "1572860-0")
    beta = organisation("Beta", OrganisationKind.provider, "0737546-2")
    client = organisation("Asiakas", OrganisationKind.client, "1917119-8")
    entity = ServiceEntity(name="Kunnossapito", description="Kuvaus")
    db.session.add_all([alfa, beta, client, entity])
    for day in (date(2027, 1, 3), date(2027, 1, 15), date(2027, 1, 31)):
        db.session.add(_lead(client, datetime.combine(day, datetime.min.time())))
    db.session.add(_lead(client, datetime(2026, 12, 31, 23, 0)))
    for day in (date(2027, 1, 4), date(2027, 1, 20), date(2027, 2, 1)):
        db.session.add(
            NeedsAssessment(
                company=client,
                assessed_on=day,
                competence_needs="Tarve",
                people_count=5,
            )
        )
    r1 = _request("R1", client, datetime(2027, 1, 5, 10), [alfa, beta], entity)
    r2 = _request("R2", client, datetime(2027, 1, 10, 10), [alfa, beta], entity)
    r3 = _request("R3", client, datetime(2026, 12, 20, 10), [alfa], entity)
    first = _offer(r1, alfa, datetime(2027, 1, 8), OfferStatus.superseded, 1)
    won = _offer(r1, alfa, datetime(2027, 1, 9), OfferStatus.accepted, 2)
    _offer(r1, beta, datetime(2027, 1, 9), OfferStatus.rejected, 1)
    old = _offer(r3, alfa, datetime(2026, 12, 22), OfferStatus.accepted, 1)
    for distribution in r2.distributions:
        if distribution.provider is beta:
            distribution.declined_on = datetime(2027, 1, 11)
            distribution.decline_reason = "Ei resursseja"
    _contract("PS-R1", won, date(2027, 1, 20), date(2027, 1, 25), "10000", "500")
    _contract("PS-R3", old, date(2026, 12, 30), date(2027, 1, 10), "4000", "200")
    db.session.add(first)
    for metric, start, end, value in (
        (Metric.leads, date(2026, 1, 1), date(2026, 12, 31), "40"),
        (Metric.leads, date(2027, 1, 1), date(2027, 6, 30), "5"),
        (Metric.contract_value, date(2027, 1, 1), date(2027, 12, 31), "20000"),
    ):
        db.session.add(
            MetricTarget(
                metric=metric,
                period_start=start,
                period_end=end,
                target_value=Decimal(value),
            )
        )
    db.session.commit()


def _lead(company, created_on) -> Lead:
    return Lead(company=company, source=LeadSource.phone, created_on=created_on)


def _request(reference, client, published, providers, entity):
    request = RequestForQuotation(
        reference=reference,
        title=reference,
        description="Kuvaus",
        expertise_sought="Osaaminen",
        client_companies=[client],
        service_entities=[entity],
        offer_deadline=published.replace(day=published.day + 2),
        status=RequestStatus.awarded,
        published_on=published,
    )
    for provider in providers:
        request.distributions.append(
            RequestDistribution(provider=provider, sent_on=published)
        )
    db.session.add(request)
    return request


def _offer(request, provider, submitted, status, version) -> Offer:
    offer = Offer(
        request=request,
        lead_provider=provider,
        content="Tarjous",
        price=Decimal("1000"),
        vat_rate=0,
        valid_until=date(2027, 6, 30),
        version=version,
        status=status,
        submitted_on=submitted,
    )
    db.session.add(offer)
    return offer


def _contract(number, offer, signed, start, value, commission) -> None:
    db.session.add(
        ServiceContract(
            number=number,
            offer=offer,
            signed_on=signed,
            start_date=start,
            value=Decimal(value),
            commission_amount=Decimal(commission),
            commission_percent=Decimal("5"),
            status=ContractStatus.in_delivery,
        )
    )
