"""The words a new installation's reminder rules start with, in Finnish,
Swedish and English. The coordinator edits them on the rules screen."""

from app.models import ReminderKind

HELLO = {"fi": "Hei", "sv": "Hej", "en": "Hello"}


def _letter(language: str, text: str) -> str:
    greeting = HELLO[language] + " {{ person.first_name }},"
    return f"{greeting}\n\n{text}\n\n{{{{ link }}}}\n"


REQUEST = "{{ request.reference }} {{ request.title }}"
DEADLINE = "{{ request.offer_deadline|wall_clock }}"
CONTRACT = "{{ contract.number }} {{ contract.request.title }}"

TEXTS = {
    ReminderKind.offer_deadline_approaching: {
        "fi": (
            f"Muistutus: tarjousten määräaika {DEADLINE}",
            f"tarjouspyyntöön {REQUEST} ei ole vielä tullut tarjoustanne eikä "
            f"kieltäytymistänne. Määräaika on {DEADLINE}.",
        ),
        "sv": (
            f"Påminnelse: sista dag för anbud {DEADLINE}",
            f"vi har ännu inte fått ert anbud eller ert avböjande på "
            f"anbudsförfrågan {REQUEST}. Sista dag är {DEADLINE}.",
        ),
        "en": (
            f"Reminder: offers are due {DEADLINE}",
            f"we have not yet received your offer or your decline for the request "
            f"for quotation {REQUEST}. The deadline is {DEADLINE}.",
        ),
    },
    ReminderKind.offer_deadline_passed: {
        "fi": (
            f"Tarjousaika päättyi: {REQUEST}",
            f"tarjouspyynnön {REQUEST} määräaika päättyi {DEADLINE}. Tarjouksia "
            "tuli {{ offers }}. Tarjoukset voi nyt avata ja vertailla.",
        ),
        "sv": (
            f"Anbudstiden har gått ut: {REQUEST}",
            f"anbudstiden för {REQUEST} gick ut {DEADLINE}. Antal anbud: "
            "{{ offers }}. Anbuden kan nu öppnas och jämföras.",
        ),
        "en": (
            f"Offer deadline passed: {REQUEST}",
            f"the offer deadline of {REQUEST} passed on {DEADLINE}. Offers "
            "received: {{ offers }}. They can now be opened and compared.",
        ),
    },
    ReminderKind.lead_follow_up: {
        "fi": (
            "Liidin seuranta: {{ lead.company }}",
            "liidin {{ lead.company }} seuraava yhteydenotto oli sovittu "
            "päivälle {{ lead.next_follow_up_on|date }}.",
        ),
        "sv": (
            "Uppföljning av lead: {{ lead.company }}",
            "nästa kontakt med {{ lead.company }} var planerad till "
            "{{ lead.next_follow_up_on|date }}.",
        ),
        "en": (
            "Lead follow-up: {{ lead.company }}",
            "the next contact with {{ lead.company }} was planned for "
            "{{ lead.next_follow_up_on|date }}.",
        ),
    },
    ReminderKind.plan_missing: {
        "fi": (
            f"Toteutussuunnitelma puuttuu: {CONTRACT}",
            f"palvelusopimus {CONTRACT} allekirjoitettiin "
            "{{ contract.signed_on|date }}, mutta toteutussuunnitelmaa ei ole "
            "vielä kirjattu. Laatikaa suunnitelma yhdessä asiakkaan kanssa.",
        ),
        "sv": (
            f"Genomförandeplan saknas: {CONTRACT}",
            f"serviceavtalet {CONTRACT} undertecknades "
            "{{ contract.signed_on|date }}, men ingen genomförandeplan har "
            "registrerats. Gör upp planen tillsammans med kunden.",
        ),
        "en": (
            f"Implementation plan missing: {CONTRACT}",
            f"the service contract {CONTRACT} was signed on "
            "{{ contract.signed_on|date }}, but no implementation plan has been "
            "recorded yet. Please draw it up with the client.",
        ),
    },
    ReminderKind.feedback_due: {
        "fi": (
            "Palautekysely: {{ contract.request.title }}",
            "kiitos osallistumisesta koulutukseen {{ contract.request.title }}. "
            "Kertoisitko mielipiteesi? Kysely on auki "
            "{{ survey.closes_on|date }} asti ja vie pari minuuttia. Linkki on "
            "henkilökohtainen, ja vastaukset käsitellään nimettöminä.",
        ),
        "sv": (
            "Responsenkät: {{ contract.request.title }}",
            "tack för att du deltog i utbildningen {{ contract.request.title }}. "
            "Vill du berätta vad du tyckte? Enkäten är öppen till "
            "{{ survey.closes_on|date }} och tar ett par minuter. Länken är "
            "personlig och svaren behandlas anonymt.",
        ),
        "en": (
            "Feedback survey: {{ contract.request.title }}",
            "thank you for taking part in the training "
            "{{ contract.request.title }}. Would you tell us what you thought? "
            "The survey is open until {{ survey.closes_on|date }} and takes a "
            "couple of minutes. The link is personal; answers are anonymous.",
        ),
    },
    ReminderKind.feedback_not_answered: {
        "fi": (
            "Muistutus: palautekysely sulkeutuu {{ survey.closes_on|date }}",
            "palautekysely koulutuksesta {{ contract.request.title }} sulkeutuu "
            "{{ survey.closes_on|date }}. Jos et ole vielä vastannut, ehdit "
            "vielä.",
        ),
        "sv": (
            "Påminnelse: responsenkäten stänger {{ survey.closes_on|date }}",
            "responsenkäten om utbildningen {{ contract.request.title }} stänger "
            "{{ survey.closes_on|date }}. Om du inte har svarat ännu hinner du "
            "fortfarande.",
        ),
        "en": (
            "Reminder: the feedback survey closes {{ survey.closes_on|date }}",
            "the feedback survey on the training {{ contract.request.title }} "
            "closes on {{ survey.closes_on|date }}. If you have not answered "
            "yet, there is still time.",
        ),
    },
    ReminderKind.invoicing_due: {
        "fi": (
            "Laskutus erääntyy: {{ milestone.description }}",
            f"sopimuksen {CONTRACT} laskutuserä {{{{ milestone.description }}}} "
            "({{ milestone.amount|money }}) on sovittu laskutettavaksi "
            "{{ milestone.due_on|date }}. Laskua ei ole vielä kirjattu.",
        ),
        "sv": (
            "Fakturering förfaller: {{ milestone.description }}",
            f"faktureringsposten {{{{ milestone.description }}}} "
            f"({{{{ milestone.amount|money }}}}) i avtalet {CONTRACT} ska "
            "faktureras {{ milestone.due_on|date }}. Ingen faktura har "
            "registrerats ännu.",
        ),
        "en": (
            "Invoicing due: {{ milestone.description }}",
            "the invoicing milestone {{ milestone.description }} "
            f"({{{{ milestone.amount|money }}}}) of the contract {CONTRACT} is due "
            "{{ milestone.due_on|date }}. No invoice has been recorded yet.",
        ),
    },
    ReminderKind.closing_report_due: {
        "fi": (
            f"Loppuraportti odottaa: {CONTRACT}",
            f"koulutus {CONTRACT} päättyi {{{{ contract.end_date|date }}}}. "
            "Täydentäkää ja lähettäkää loppuraportti koordinaattorin "
            "käsiteltäväksi.",
        ),
        "sv": (
            f"Slutrapporten väntar: {CONTRACT}",
            f"utbildningen {CONTRACT} avslutades {{{{ contract.end_date|date }}}}. "
            "Komplettera och skicka slutrapporten till koordinatorn.",
        ),
        "en": (
            f"Closing report due: {CONTRACT}",
            f"the training {CONTRACT} ended on {{{{ contract.end_date|date }}}}. "
            "Please complete the closing report and submit it to the "
            "coordinator.",
        ),
    },
    ReminderKind.follow_up_survey: {
        "fi": (
            f"Jatkotarvekysely: {CONTRACT}",
            f"palvelu {CONTRACT} suljettiin {{{{ report.reviewed_on|date }}}}. "
            "On aika kysyä asiakkaalta, mitä osaamista se tarvitsee seuraavaksi.",
        ),
        "sv": (
            f"Enkät om fortsatt behov: {CONTRACT}",
            f"tjänsten {CONTRACT} avslutades {{{{ report.reviewed_on|date }}}}. "
            "Det är dags att fråga kunden vilken kompetens den behöver härnäst.",
        ),
        "en": (
            f"Follow-up needs survey: {CONTRACT}",
            f"the service {CONTRACT} closed on {{{{ report.reviewed_on|date }}}}. "
            "It is time to ask the client what it needs next.",
        ),
    },
    ReminderKind.steering_meeting: {
        "fi": (
            "Ohjausryhmän kokous {{ meeting.starts_at|wall_clock }}",
            "ohjausryhmän kokous {{ meeting.title }} pidetään "
            "{{ meeting.starts_at|wall_clock }}{% if meeting.place %}, "
            "{{ meeting.place }}{% endif %}. Esityslista on linkin takana.",
        ),
        "sv": (
            "Styrgruppens möte {{ meeting.starts_at|wall_clock }}",
            "styrgruppens möte {{ meeting.title }} hålls "
            "{{ meeting.starts_at|wall_clock }}{% if meeting.place %}, "
            "{{ meeting.place }}{% endif %}. Föredragningslistan finns bakom "
            "länken.",
        ),
        "en": (
            "Steering group meeting {{ meeting.starts_at|wall_clock }}",
            "the steering group meeting {{ meeting.title }} is held on "
            "{{ meeting.starts_at|wall_clock }}{% if meeting.place %}, "
            "{{ meeting.place }}{% endif %}. The agenda is behind the link.",
        ),
    },
    ReminderKind.agreement_expiring: {
        "fi": (
            "Kumppanuussopimus päättyy {{ agreement.valid_until|date }}",
            "{{ agreement.provider }}: kumppanuussopimus päättyy "
            "{{ agreement.valid_until|date }}. Sopikaa jatkosta koordinaattorin "
            "kanssa.",
        ),
        "sv": (
            "Partnerskapsavtalet upphör {{ agreement.valid_until|date }}",
            "{{ agreement.provider }}: partnerskapsavtalet upphör "
            "{{ agreement.valid_until|date }}. Kom överens med koordinatorn om "
            "en fortsättning.",
        ),
        "en": (
            "Partnership agreement ends {{ agreement.valid_until|date }}",
            "{{ agreement.provider }}: the partnership agreement ends on "
            "{{ agreement.valid_until|date }}. Please agree on its renewal with "
            "the coordinator.",
        ),
    },
}


def letter(kind: ReminderKind, language: str) -> tuple[str, str]:
    """The default subject and body of a rule in a language."""
    subject, text = TEXTS[kind][language]
    return subject, _letter(language, text)
