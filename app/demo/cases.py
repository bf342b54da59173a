"""The demo's cases on the coordination path: leads, needs, and requests at
every status up to an awarded contract."""

from datetime import timedelta
from decimal import Decimal

from app.models import (
    ConsortiumMember,
    ContractStatus,
    Lead,
    LeadSource,
    LeadStatus,
    NeedsAssessment,
    NeedStatus,
    Offer,
    OfferStatus,
    RequestDistribution,
    RequestForQuotation,
    RequestStatus,
    ServiceContract,
    SoughtDelivery,
)


def build_cases(world) -> dict[str, NeedsAssessment]:
    """The coordination-path cases; returns the needs assessments by case, on
    which the delivery cases build."""
    _leads(world)
    needs = _needs(world)
    _draft_request(world, needs)
    _published_requests(world, needs)
    _deadline_passed_request(world, needs)
    _contract_without_plan(world, needs)
    _cancelled_request(world, needs)
    return needs


def _leads(world) -> None:
    rows = [
        (
            2,
            LeadSource.web_form,
            LeadStatus.new,
            3,
            "Leipomo kysyi verkkolomakkeella "
            "hygieniapassikoulutuksesta koko henkilöstölle.",
        ),
        (
            6,
            LeadSource.event,
            LeadStatus.contacted,
            7,
            "Tavattiin yrittäjätapahtumassa; "
            "kiinnostunut asiakaspalvelun koulutuksesta.",
        ),
        (
            12,
            LeadSource.campus,
            LeadStatus.new,
            1,
            "Käynti kampuksen asiakaspalvelussa.",
        ),
        (
            16,
            LeadSource.phone,
            LeadStatus.contacted,
            14,
            "Soitto esihenkilö-valmennuksesta; palataan budjetin varmistuttua.",
        ),
        (
            14,
            LeadSource.referral,
            LeadStatus.dropped,
            None,
            "Korjaamo kysyi sähköautojen huoltokoulutusta.",
        ),
    ]
    for company, source, status, follow_up, text in rows:
        lead = world.add(
            Lead(
                company=world.clients[company],
                contact_person=world.client_contacts[company],
                source=source,
                status=status,
                owner=world.lead_owner,
                description=text,
                next_follow_up_on=world.days(follow_up) if follow_up else None,
            )
        )
        if status is LeadStatus.dropped:
            lead.drop_reason = (
                "Palvelutarjottimella ei vielä ole sopivaa kokonaisuutta."
            )


def _needs(world) -> dict[str, NeedsAssessment]:
    """Needs assessments by the case they belong to."""
    rows = {
        "draft": (4, 3, "Työturvallisuuskortti kiinteistöhuollon asentajille.", 18),
        "published": (1, 1, "Uusien työnjohtajien esihenkilötaidot.", 6),
        "joint_a": (3, 4, "Varastotyön ja trukinkuljetuksen osaaminen.", 12),
        "joint_b": (7, 4, "Varaston toiminnanohjaus ja keräilyn tehostaminen.", 8),
        "open_a": (8, 0, "Tekoälyavustajat ohjelmistokehityksen tukena.", 15),
        "open_b": (11, 0, "Digitaidot ja tietoturva vastaanoton henkilöstölle.", 9),
        "deadline_passed": (5, 6, "Työpaikkasuomea varastotyöntekijöille.", 14),
        "contract": (13, 2, "Asiakaspalvelun laatu ja lisämyynti hotellissa.", 20),
        "delivery": (0, 5, "Ennakoiva kunnossapito ja automaation perusteet.", 5),
        "closed": (9, 3, "Työturvallisuus rakennustyömaalla.", 4),
        "cancelled": (19, 8, "Varaston kannattavuuden tunnusluvut.", 3),
    }
    needs = {}
    for case, (company, entity, text, people) in rows.items():
        lead = None
        if case in ("delivery", "published"):
            lead = world.add(
                Lead(
                    company=world.clients[company],
                    contact_person=world.client_contacts[company],
                    source=LeadSource.campus,
                    status=LeadStatus.qualified,
                    owner=world.lead_owner,
                    description="Tarpeet kartoitettu yrityskäynnillä.",
                )
            )
        needs[case] = world.add(
            NeedsAssessment(
                company=world.clients[company],
                lead=lead,
                assessed_on=world.days(-200 if case == "closed" else -30),
                competence_needs=text,
                service_entities=[world.entities[entity]],
                people_count=people,
                timing_start=world.days(30),
                timing_end=world.days(120),
                budget=Decimal(people * 900),
                funding_interest=case.startswith("joint"),
                funding_options=[world.funding[0]] if case.startswith("joint") else [],
                status=NeedStatus.open
                if case.startswith("open")
                else NeedStatus.in_request,
            )
        )
    needs["closed"].status = NeedStatus.fulfilled
    return needs


def _request(world, reference, title, needs, deadline, status, **extra):
    request = world.add(
        RequestForQuotation(
            reference=reference,
            title=title,
            description=" ".join(need.competence_needs for need in needs),
            expertise_sought=extra.pop(
                "expertise", "Kokemus pk-yritysten henkilöstökoulutuksesta."
            ),
            client_companies=[need.company for need in needs],
            needs_assessments=needs,
            service_entities=needs[0].service_entities,
            offer_deadline=world.at(deadline),
            status=status,
            **extra,
        )
    )
    if status is not RequestStatus.draft:
        request.published_on = world.at(deadline - 21, hour=9)
        for provider in world.providers:
            world.add(
                RequestDistribution(
                    request=request, provider=provider, sent_on=request.published_on
                )
            )
    return request


def _offer(world, request, provider, price, status, version=1, members=()):
    offer = world.add(
        Offer(
            request=request,
            lead_provider=world.providers[provider],
            content="Toteutus lähiopetuksena ja työpaikalla ohjattuna, "
            "sisältää materiaalit ja todistukset.",
            price=Decimal(price),
            vat_rate=Decimal("0"),
            valid_until=request.offer_deadline.date() + timedelta(days=90),
            version=version,
            status=status,
            submitted_on=request.offer_deadline.replace(hour=12)
            if status is not OfferStatus.draft
            else None,
        )
    )
    for member, share in members:
        world.add(
            ConsortiumMember(
                offer=offer,
                provider=world.providers[member],
                part="Verkko-opetuksen osuus ja etätehtävien ohjaus.",
                share_percent=Decimal(share),
                confirmed_on=offer.submitted_on,
            )
        )
    return offer


def _draft_request(world, needs) -> None:
    _request(
        world,
        "TP-DEMO-001",
        "Työturvallisuuskoulutus kiinteistöhuollolle",
        [needs["draft"]],
        21,
        RequestStatus.draft,
        budget_min=Decimal("3000"),
        budget_max=Decimal("6000"),
    )


def _published_requests(world, needs) -> None:
    single = _request(
        world,
        "TP-DEMO-002",
        "Esihenkilövalmennus työnjohtajille",
        [needs["published"]],
        10,
        RequestStatus.published,
        sought_delivery=SoughtDelivery.single_provider,
        budget_min=Decimal("4000"),
        budget_max=Decimal("8000"),
    )
    declined = single.distributions[5]
    declined.declined_on = world.at(-1, hour=10)
    declined.decline_reason = "Ei vapaita kouluttajia pyydettynä ajankohtana."

    joint = _request(
        world,
        "TP-DEMO-003",
        "Yhteishankinta: varastotyön osaaminen kahdelle yritykselle",
        [needs["joint_a"], needs["joint_b"]],
        14,
        RequestStatus.published,
        sought_delivery=SoughtDelivery.consortium,
        budget_min=Decimal("12000"),
        budget_max=Decimal("20000"),
        expertise="Logistiikan ja varastotyön koulutus, trukkikortti.",
    )
    _offer(world, joint, 5, "16800", OfferStatus.submitted, members=[(0, "30")])


def _deadline_passed_request(world, needs) -> None:
    request = _request(
        world,
        "TP-DEMO-004",
        "Työpaikkasuomi varastotyöntekijöille",
        [needs["deadline_passed"]],
        -2,
        RequestStatus.closed,
        budget_max=Decimal("15000"),
    )
    _offer(world, request, 0, "11900", OfferStatus.submitted)
    _offer(world, request, 2, "13400", OfferStatus.submitted)


def awarded(world, need, reference, title, deadline, winner, price, **contract):
    request = _request(world, reference, title, [need], deadline, RequestStatus.awarded)
    offer = _offer(
        world,
        request,
        winner,
        price,
        OfferStatus.accepted,
        members=contract.pop("members", ()),
    )
    _offer(world, request, 3, str(int(price) + 2500), OfferStatus.rejected)
    return world.add(
        ServiceContract(
            number=reference.replace("TP", "PS"),
            offer=offer,
            signed_on=world.days(deadline + 7),
            start_date=world.days(deadline + 14),
            end_date=world.days(deadline + 100),
            value=Decimal(price),
            **contract,
        )
    )


def _contract_without_plan(world, needs) -> None:
    awarded(
        world,
        needs["contract"],
        "TP-DEMO-005",
        "Asiakaspalvelun laatu hotellissa",
        -20,
        2,
        "9600",
        status=ContractStatus.signed,
    )


def _cancelled_request(world, needs) -> None:
    _request(
        world,
        "TP-DEMO-008",
        "Varaston talousosaaminen",
        [needs["cancelled"]],
        -45,
        RequestStatus.cancelled,
    )
