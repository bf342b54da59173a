"""Certificates of completed training: the facts a certificate states, its PDF
in the participant's language, and the public check of a verification code.

The PDF's words live here in three languages; the message catalogues carry only
Finnish so far, and a certificate must not come out half in English.
"""

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.extensions import db
from app.models import Certificate, ConsortiumMember
from app.services.pdf_fonts import BOLD, REGULAR
from app.services.workflow.announcements import public_link
from app.views.formatting import format_date

TEXTS = {
    "fi": {
        "title": "Todistus",
        "intro": "on osallistunut koulutukseen",
        "goals": "Osaamistavoitteet",
        "hours": "Laajuus",
        "hours_unit": "tuntia",
        "dates": "Ajankohta",
        "providers": "Kouluttajat",
        "issued": "Annettu",
        "operator": "Vantaan kaupungin koulutusoperaattori, Tikkurilan osaamiskampus",
        "check": "Todistuksen aitouden voi tarkistaa koodilla",
    },
    "sv": {
        "title": "Intyg",
        "intro": "har deltagit i utbildningen",
        "goals": "Kompetensmål",
        "hours": "Omfattning",
        "hours_unit": "timmar",
        "dates": "Tidpunkt",
        "providers": "Utbildare",
        "issued": "Utfärdat",
        "operator": "Vanda stads utbildningsoperatör, Dickursby kompetenscampus",
        "check": "Intygets äkthet kan kontrolleras med koden",
    },
    "en": {
        "title": "Certificate",
        "intro": "has taken part in the training",
        "goals": "Competence goals",
        "hours": "Extent",
        "hours_unit": "hours",
        "dates": "Dates",
        "providers": "Trainers",
        "issued": "Issued",
        "operator": "City of Vantaa training operator, Tikkurila competence campus",
        "check": "The certificate can be verified with the code",
    },
}


@dataclass
class CertificateFacts:
    name: str
    training: str
    goals: str
    hours: Decimal
    first_day: date | None
    last_day: date | None
    providers: list[str]
    issued_on: date
    code: str
    language: str

    @property
    def period(self) -> str:
        if self.first_day is None:
            return ""
        first, last = format_date(self.first_day), format_date(self.last_day)
        return first if first == last else f"{first}–{last}"

    @property
    def check_link(self) -> str:
        return public_link("CertificateCheckView.check", code=self.code)


def facts(certificate: Certificate) -> CertificateFacts:
    participant = certificate.participant
    contract = participant.contract
    offer = contract.offer
    plan = contract.plan
    sessions = plan.sessions if plan else []
    members = db.session.scalars(
        db.select(ConsortiumMember).where(
            ConsortiumMember.offer_id == offer.id,
            ConsortiumMember.confirmed_on.is_not(None),
        )
    )
    providers = [offer.lead_provider.name]
    providers += [m.provider.name for m in members if m.provider.name not in providers]
    return CertificateFacts(
        name=participant.full_name,
        training=offer.request.title,
        goals=plan.competence_goals if plan else "",
        hours=certificate.hours,
        first_day=sessions[0].starts_at.date() if sessions else contract.start_date,
        last_day=sessions[-1].ends_at.date() if sessions else contract.end_date,
        providers=providers,
        issued_on=certificate.issued_on,
        code=certificate.verification_code,
        language=participant.language.name,
    )


def find(code: str) -> Certificate | None:
    cleaned = code.strip().upper()
    if not cleaned:
        return None
    return db.session.scalar(
        db.select(Certificate).where(Certificate.verification_code == cleaned)
    )


def render_pdf(certificate: Certificate) -> bytes:
    """One A4 page in the participant's language."""
    stated = facts(certificate)
    words = TEXTS.get(stated.language, TEXTS["fi"])
    buffer = io.BytesIO()
    page = Canvas(buffer, pagesize=A4)
    page.setTitle(f"{words['title']} – {stated.name}")
    page.setAuthor(words["operator"])
    left, y = 25 * mm, A4[1] - 35 * mm

    def line(text, size=11, font=REGULAR, gap=7):
        nonlocal y
        page.setFont(font, size)
        page.drawString(left, y, text)
        y -= gap * mm

    line(words["title"].upper(), size=24, font=BOLD, gap=16)
    line(stated.name, size=18, font=BOLD, gap=9)
    line(words["intro"], gap=7)
    line(stated.training, size=14, font=BOLD, gap=12)
    hours = f"{stated.hours.normalize():f}".replace(".", ",")
    line(f"{words['hours']}: {hours} {words['hours_unit']}")
    if stated.period:
        line(f"{words['dates']}: {stated.period}")
    line(f"{words['providers']}: {', '.join(stated.providers)}", gap=10)
    if stated.goals:
        line(words["goals"], font=BOLD)
        for goal_line in _wrapped(stated.goals, 90):
            line(goal_line, size=10, gap=5.5)
        y -= 5 * mm
    line(f"{words['issued']}: {format_date(stated.issued_on)}", gap=14)
    line(words["operator"], size=10, gap=12)
    line(f"{words['check']} {stated.code}:", size=9, gap=5)
    line(stated.check_link, size=9)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _wrapped(text: str, width: int) -> list[str]:
    lines = []
    for paragraph in text.splitlines():
        current = ""
        for word in paragraph.split():
            if current and len(current) + 1 + len(word) > width:
                lines.append(current)
                current = word
            else:
                current = f"{current} {word}".strip()
        lines.append(current)
    return lines
