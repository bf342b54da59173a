"""The demo's steering group: meetings, decisions, targets and commission."""

from datetime import date
from decimal import Decimal

from app.models import (
    AgendaItem,
    CommissionRule,
    Decision,
    DecisionStatus,
    Metric,
    MetricTarget,
    SteeringMeeting,
    SteeringTheme,
)


def steering_group(world) -> None:
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
