"""The demo's deliveries: one in progress, one closed with its report."""

from decimal import Decimal

from app.demo.cases import awarded
from app.models import (
    Certificate,
    ClosingReport,
    ContractStatus,
    FeedbackAnswer,
    FeedbackFollowUp,
    FeedbackPoint,
    FeedbackSurvey,
    FeedbackValue,
    FollowUpStatus,
    ImplementationPlan,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    InvoicingMilestone,
    Participant,
    PlanStatus,
    QuestionKind,
    ReportStatus,
    SurveyKind,
    TrainingSession,
)
from app.services.feedback_results import default_question_set

PARTICIPANT_NAMES = [
    ("Jussi", "Mattila"),
    ("Noora", "Lahtinen"),
    ("Arto", "Hämäläinen"),
    ("Satu", "Leppänen"),
    ("Mika", "Kettunen"),
]


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


def survey_answer(question_set, answered_on, rating, recommendation, comment=None):
    """An answer giving ``rating`` to every scale question of the set, its
    recommendation and its comment."""
    by_kind = {
        QuestionKind.scale: rating,
        QuestionKind.recommendation: recommendation,
        QuestionKind.free_text: comment,
    }
    answer = FeedbackAnswer(answered_on=answered_on)
    for question in question_set.questions:
        value = by_kind[question.kind]
        if value is None:
            continue
        if question.kind is QuestionKind.free_text:
            answer.values.append(FeedbackValue(question=question, text=value))
        else:
            answer.values.append(FeedbackValue(question=question, score=value))
    return answer


def _survey(world, contract, kind, opens, answers):
    """A survey of the default question set; each answer gives its rating to
    every scale question, its recommendation and its comment."""
    question_set = default_question_set()
    survey = world.add(
        FeedbackSurvey(
            contract=contract,
            kind=kind,
            opens_on=world.days(opens),
            closes_on=world.days(opens + 14),
            question_set=question_set,
        )
    )
    for rating, recommendation, comment in answers:
        survey.answers.append(
            survey_answer(
                question_set,
                world.at(opens + 2, hour=12),
                rating,
                recommendation,
                comment,
            )
        )
    return survey


def _invoice(world, contract, kind, issued, status):
    world.add(
        Invoice(
            number=f"{contract.number}-{kind.name.upper()}",
            contract=contract,
            company=contract.offer.request.client_companies[0],
            kind=kind,
            issued_on=world.days(issued),
            due_on=world.days(issued + 14),
            status=status,
            lines=[
                InvoiceLine(
                    description="Koulutus (arvonlisäverosta vapaa)",
                    amount=contract.value / 2,
                    vat_rate=Decimal("0"),
                )
            ],
        )
    )


def delivery_in_progress(world, needs) -> None:
    contract = awarded(
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


def closed_delivery(world, needs) -> None:
    contract = awarded(
        world,
        needs["closed"],
        "TP-DEMO-007",
        "Työmaan työturvallisuus",
        -200,
        0,
        "7200",
        status=ContractStatus.closed,
    )
    contract.closed_on = world.days(-95)
    _plan(world, contract, -170, 3)
    participants = _participants(world, contract, 9, completed=True)
    survey = _survey(
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
    world.add(
        FeedbackFollowUp(
            survey=survey,
            findings="Kuinka todennäköisesti suosittelisit koulutusta "
            "kollegallesi? (Suosittelu 0–10): 6",
            handling="Soitettiin asiakkaalle; seuraavaan toteutukseen lisätään "
            "yksi harjoituspäivä.",
            status=FollowUpStatus.closed,
            closed_on=world.days(-110),
        )
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
