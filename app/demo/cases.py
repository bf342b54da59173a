"""The demo's cases: companies standing at every step of the service path, and
the steering group's work around them."""

from datetime import date, timedelta
from decimal import Decimal

from app.models import (
    AgendaItem,
    Certificate,
    ClosingReport,
    CommissionRule,
    ConsortiumMember,
    ContractStatus,
    Decision,
    DecisionStatus,
    FeedbackAnswer,
    FeedbackPoint,
    FeedbackSurvey,
    ImplementationPlan,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    InvoicingMilestone,
    Lead,
    LeadSource,
    LeadStatus,
    Metric,
    MetricTarget,
    NeedsAssessment,
    NeedStatus,
    Offer,
    OfferStatus,
    Participant,
    PlanStatus,
    ReportStatus,
    RequestDistribution,
    RequestForQuotation,
    RequestStatus,
    ServiceContract,
    SoughtDelivery,
    SteeringMeeting,
    SteeringTheme,
    SurveyKind,
    TrainingSession,
)

PARTICIPANT_NAMES = [
    ("Jussi", "Mattila"),
    ("Noora", "Lahtinen"),
    ("Arto", "Hämäläinen"),
    ("Satu", "Leppänen"),
    ("Mika", "Kettunen"),
]


def build_cases(world) -> None:
    _leads(world)
    needs = _needs(world)
    _draft_request(world, needs)
    _published_requests(world, needs)
    _deadline_passed_request(world, needs)
    _contract_without_plan(world, needs)
    _delivery_in_progress(world, needs)
    _closed_delivery(world, needs)
    _cancelled_request(world, needs)
    _steering_group(world)


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


def _awarded(world, need, reference, title, deadline, winner, price, **contract):
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
    _awarded(
        world,
        needs["contract"],
        "TP-DEMO-005",
        "Asiakaspalvelun laatu hotellissa",
        -20,
        2,
        "9600",
        status=ContractStatus.signed,
    )


def _plan(world, contract, sessions_from, count):
    plan = world.add(
        ImplementationPlan(
            contract=contract,
            competence_goals="Osallistuja tunnistaa riskit ja toimii turvallisesti.",
            contents="Neljä lähipäivää ja ohjattu harjoittelu työpaikalla.",
            status=PlanStatus.agreed,
            agreed_on=contract.signed_on,
        )
    )
    for index in range(count):
        day = world.at(sessions_from + 14 * index, hour=9)
        world.add(
            TrainingSession(
                plan=plan,
                topic=f"Lähipäivä {index + 1}",
                starts_at=day,
                ends_at=day.replace(hour=15),
                place="Tikkurilan osaamiskampus, luokka 2.14",
                trainer=world.trainers[
                    world.providers.index(contract.offer.lead_provider)
                ],
            )
        )
    amount = contract.value / 2
    milestones = (
        (InvoiceKind.interim, "Välilasku toisen lähipäivän jälkeen", 14),
        (InvoiceKind.final, "Loppulasku loppuraportin jälkeen", 60),
    )
    for kind, description, offset in milestones:
        world.add(
            InvoicingMilestone(
                plan=plan,
                kind=kind,
                description=description,
                due_on=world.days(sessions_from + offset),
                amount=amount,
            )
        )
    world.add(
        FeedbackPoint(
            plan=plan,
            due_on=world.days(sessions_from + 15),
            description="Väliarviointi toisen lähipäivän jälkeen",
        )
    )
    return plan


def _participants(world, contract, company, completed):
    return [
        world.add(
            Participant(
                contract=contract,
                company=world.clients[company],
                first_name=first,
                last_name=last,
                email=f"{first}.{last}@example.com".lower().replace("ä", "a"),
                completed=completed,
            )
        )
        for first, last in PARTICIPANT_NAMES
    ]


def _survey(world, contract, kind, opens, answers):
    survey = world.add(
        FeedbackSurvey(
            contract=contract,
            kind=kind,
            opens_on=world.days(opens),
            closes_on=world.days(opens + 14),
        )
    )
    for rating, recommendation, comment in answers:
        world.add(
            FeedbackAnswer(
                survey=survey,
                answered_on=world.at(opens + 2, hour=12),
                overall_rating=rating,
                recommendation=recommendation,
                comment=comment,
            )
        )


def _invoice(world, contract, kind, issued, status):
    world.add(
        Invoice(
            number=f"{contract.number}-{kind.name.upper()}",
            contract=contract,
            company=contract.offer.request.client_companies[0],
            kind=kind,
            issued_on=world.days(issued),
            due_on=world.days(issued + 14),
            amount=contract.value / 2,
            vat_rate=Decimal("0"),
            status=status,
        )
    )


def _delivery_in_progress(world, needs) -> None:
    contract = _awarded(
        world,
        needs["delivery"],
        "TP-DEMO-006",
        "Ennakoiva kunnossapito konepajalle",
        -60,
        0,
        "14500",
        status=ContractStatus.in_delivery,
        members=[(1, "40")],
    )
    _plan(world, contract, -30, 4)
    _participants(world, contract, 0, completed=False)
    _survey(
        world,
        contract,
        SurveyKind.interim,
        -14,
        [
            (5, 9, "Käytännön esimerkit olivat hyviä."),
            (4, 8, None),
            (4, 7, "Enemmän harjoituksia."),
        ],
    )
    _invoice(world, contract, InvoiceKind.interim, -10, InvoiceStatus.sent)


def _closed_delivery(world, needs) -> None:
    contract = _awarded(
        world,
        needs["closed"],
        "TP-DEMO-007",
        "Työmaan työturvallisuus",
        -200,
        0,
        "7200",
        status=ContractStatus.closed,
    )
    _plan(world, contract, -170, 3)
    participants = _participants(world, contract, 9, completed=True)
    _survey(
        world,
        contract,
        SurveyKind.final,
        -120,
        [
            (5, 10, "Erinomainen kouluttaja."),
            (4, 9, None),
            (5, 9, None),
            (3, 6, "Liian lyhyt."),
        ],
    )
    for participant in participants:
        world.add(
            Certificate(
                participant=participant, issued_on=world.days(-118), hours=Decimal("24")
            )
        )
    _invoice(world, contract, InvoiceKind.interim, -150, InvoiceStatus.paid)
    _invoice(world, contract, InvoiceKind.final, -115, InvoiceStatus.paid)
    world.add(
        ClosingReport(
            contract=contract,
            summary="Koulutus toteutettiin suunnitellusti viidelle työnjohtajalle.",
            feedback_analysis="Suositteluindeksi hyvä; toive pidemmästä kestosta.",
            lessons_learned="Työmaakäynnit kannattaa sopia heti sopimusvaiheessa.",
            follow_up_needs="Kiinnostus esihenkilövalmennukseen ensi vuonna.",
            status=ReportStatus.reviewed,
            submitted_on=world.days(-110),
            reviewed_on=world.days(-100),
        )
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


def _steering_group(world) -> None:
    past = world.add(
        SteeringMeeting(
            title="Ohjausryhmän kokous 3/2025",
            starts_at=world.at(-30, hour=13),
            place="Tikkurilan osaamiskampus",
            attendees="Koordinaattori ja kuuden koulutustoimijan edustajat",
            minutes="Käytiin läpi pilotin tulokset ja negatiivisen palautteen "
            "käsittely.",
        )
    )
    item = world.add(
        AgendaItem(
            meeting=past,
            position=1,
            title="Negatiivisen palautteen käsittely",
            theme=SteeringTheme.negative_feedback,
        )
    )
    world.add(
        AgendaItem(
            meeting=past,
            position=2,
            title="Koordinaattorin provisiomalli",
            theme=SteeringTheme.commission_model,
        )
    )
    world.add(
        Decision(
            meeting=past,
            agenda_item=item,
            owner="Sanna Virtanen",
            text="Negatiivinen palaute käsitellään päätoimijan kanssa kahden "
            "viikon kuluessa.",
            due_on=world.days(-10),
            status=DecisionStatus.done,
        )
    )
    world.add(
        Decision(
            meeting=past,
            owner="Petri Salonen",
            text="Valmistellaan provisiomallin vaihtoehdot seuraavaan kokoukseen.",
            due_on=world.days(15),
            status=DecisionStatus.in_progress,
        )
    )
    coming = world.add(
        SteeringMeeting(
            title="Ohjausryhmän kokous 4/2025",
            starts_at=world.at(20, hour=13),
            place="Teams",
        )
    )
    world.add(
        AgendaItem(
            meeting=coming,
            position=1,
            title="Uudet palvelut tarjottimelle",
            theme=SteeringTheme.new_services,
        )
    )
    year = world.today.year
    for metric, value in (
        (Metric.leads, "120"),
        (Metric.contracts, "25"),
        (Metric.contract_value, "250000"),
        (Metric.recommendation, "8"),
    ):
        world.add(
            MetricTarget(
                metric=metric,
                period_start=date(year, 1, 1),
                period_end=date(year, 12, 31),
                target_value=Decimal(value),
            )
        )
    world.add(
        CommissionRule(
            name="Yleinen provisio",
            percentage=Decimal("5"),
            valid_from=date(2025, 1, 1),
        )
    )
    world.add(
        CommissionRule(
            name="Logistiikan yhteishankinnat",
            percentage=Decimal("4"),
            service_entity=world.entities[4],
            valid_from=date(2025, 1, 1),
        )
    )
