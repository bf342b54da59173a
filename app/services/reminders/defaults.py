"""The reminder rules a new installation starts with, in Finnish."""

from app.extensions import db
from app.models import ReminderKind, ReminderRule

DEFAULT_RULES = {
    ReminderKind.offer_deadline_approaching: (
        3,
        "Muistutus: tarjousten määräaika {{ request.offer_deadline|wall_clock }}",
        "Hei {{ person.first_name }},\n\n"
        "tarjouspyyntöön {{ request.reference }} {{ request.title }} ei ole vielä "
        "tullut tarjoustanne eikä kieltäytymistänne. Määräaika on "
        "{{ request.offer_deadline|wall_clock }}.\n\n{{ link }}\n",
    ),
    ReminderKind.lead_follow_up: (
        0,
        "Liidin seuranta: {{ lead.company }}",
        "Hei {{ person.first_name }},\n\nliidin {{ lead.company }} seuraava "
        "yhteydenotto oli sovittu päivälle {{ lead.next_follow_up_on|date }}.\n\n"
        "{{ link }}\n",
    ),
    ReminderKind.agreement_expiring: (
        30,
        "Kumppanuussopimus päättyy {{ agreement.valid_until|date }}",
        "Hei {{ person.first_name }},\n\n{{ agreement.provider }}: "
        "kumppanuussopimus päättyy {{ agreement.valid_until|date }}. Sopikaa "
        "jatkosta koordinaattorin kanssa.\n\n{{ link }}\n",
    ),
}


def ensure_default_rules() -> int:
    """Create the rules that do not exist yet; returns how many were made."""
    existing = set(db.session.scalars(db.select(ReminderRule.kind)))
    made = 0
    for kind, (offset, subject, body) in DEFAULT_RULES.items():
        if kind not in existing:
            db.session.add(
                ReminderRule(kind=kind, offset_days=offset, subject=subject, body=body)
            )
            made += 1
    db.session.commit()
    return made
