"""A small fixed world for the steering group's figures, in a database of its
own, with every number in the tests worked out by hand from it.

January 2027 is the period. Two providers, Alfa and Beta, receive requests R1
and R2 (published in January) and Alfa also R3 (published in December).
Alfa offers on R1 twice (a revision), Beta once; Beta declines R2, Alfa says
nothing. Alfa wins R1 (10 000 €, commission 500 €, started in January) and
won R3 in December (4 000 €, 200 €, service Logistiikka), so the client (a
small metal-industry company) returns in January. Two leads became needs in 1
and 5 days; R1 and R2 came from the first need in 1 and 6 days. In January,
R1's contract got three answers (scales 5, 4, 3; recommendations 10, 9, 5) and
R3's two (scales 2, 2; recommendations 8, 8). The first need names the
service Kunnossapito (theme Teollisuus), the second names none. Targets:
5 leads for the first half of 2027 (and 40 for 2026), 20 000 € of contracts for
2027.
"""

from datetime import date, datetime
from decimal import Decimal

from app.demo.deliveries import survey_answer
from app.extensions import db
from app.models import (
    ContractStatus,
    FeedbackSurvey,
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
    ServiceTheme,
    SizeClass,
    SurveyKind,
)
from app.services.feedback_results import default_question_set


def organisation(name, kind, business_id) -> Organisation:
    return Organisation(name=name, kind=kind, business_id=business_id)


def build() -> None:
    alfa = organisation("Alfa", OrganisationKind.provider, "1572860-0")
    beta = organisation("Beta", OrganisationKind.provider, "0737546-2")
    client = organisation("Asiakas", OrganisationKind.client, "1917119-8")
    client.size_class = SizeClass.small
    client.industry = "Metalliteollisuus"
    entity = ServiceEntity(name="Kunnossapito", description="Kuvaus")
    entity.themes = [ServiceTheme(name="Teollisuus")]
    logistics = ServiceEntity(name="Logistiikka", description="Kuvaus")
    db.session.add_all([alfa, beta, client, entity, logistics])
    leads = [
        _lead(client, datetime.combine(day, datetime.min.time()))
        for day in (date(2027, 1, 3), date(2027, 1, 15), date(2027, 1, 31))
    ]
    db.session.add_all(leads)
    db.session.add(_lead(client, datetime(2026, 12, 31, 23, 0)))
    needs = [
        NeedsAssessment(
            company=client,
            lead=lead,
            assessed_on=day,
            competence_needs="Tarve",
            people_count=5,
        )
        for day, lead in (
            (date(2027, 1, 4), leads[0]),
            (date(2027, 1, 20), leads[1]),
            (date(2027, 2, 1), None),
        )
    ]
    needs[0].service_entities = [entity]
    db.session.add_all(needs)
    r1 = _request("R1", client, datetime(2027, 1, 5, 10), [alfa, beta], entity)
    r2 = _request("R2", client, datetime(2027, 1, 10, 10), [alfa, beta], entity)
    r3 = _request("R3", client, datetime(2026, 12, 20, 10), [alfa], logistics)
    r1.needs_assessments = [needs[0]]
    r2.needs_assessments = [needs[0]]
    first = _offer(r1, alfa, datetime(2027, 1, 8), OfferStatus.superseded, 1)
    won = _offer(r1, alfa, datetime(2027, 1, 9), OfferStatus.accepted, 2)
    _offer(r1, beta, datetime(2027, 1, 9), OfferStatus.rejected, 1)
    old = _offer(r3, alfa, datetime(2026, 12, 22), OfferStatus.accepted, 1)
    for distribution in r2.distributions:
        if distribution.provider is beta:
            distribution.declined_on = datetime(2027, 1, 11)
            distribution.decline_reason = "Ei resursseja"
    ps_r1 = _contract(
        "PS-R1", won, date(2027, 1, 20), date(2027, 1, 25), "10000", "500"
    )
    ps_r3 = _contract(
        "PS-R3", old, date(2026, 12, 30), date(2027, 1, 10), "4000", "200"
    )
    _answers(ps_r1, [(5, 10), (4, 9), (3, 5)])
    _answers(ps_r3, [(2, 8), (2, 8)])
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


def _answers(contract, given) -> None:
    """A January survey of the contract; each answer gives its score to every
    scale question and its recommendation."""
    question_set = default_question_set()
    survey = FeedbackSurvey(
        contract=contract,
        kind=SurveyKind.final,
        opens_on=date(2027, 1, 26),
        closes_on=date(2027, 1, 31),
        question_set=question_set,
    )
    db.session.add(survey)
    for scale, recommendation in given:
        survey.answers.append(
            survey_answer(
                question_set, datetime(2027, 1, 27, 12), scale, recommendation
            )
        )


def _contract(number, offer, signed, start, value, commission) -> ServiceContract:
    contract = ServiceContract(
        number=number,
        offer=offer,
        signed_on=signed,
        start_date=start,
        value=Decimal(value),
        commission_amount=Decimal(commission),
        commission_percent=Decimal("5"),
        status=ContractStatus.in_delivery,
    )
    db.session.add(contract)
    return contract
