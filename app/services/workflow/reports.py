"""Closing reports (step 8): the lead provider drafts one prefilled from the
delivery and its feedback, completes and submits it, and the coordinator
reviews it together with the provider."""

from decimal import Decimal

from babel.numbers import format_decimal as babel_decimal
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import ClosingReport, ContractStatus, ReportStatus, ServiceContract
from app.security.viewer import Viewer
from app.services.clock import local_now
from app.services.feedback_results import MIN_ANSWERS, survey_results
from app.services.workflow.errors import TransitionRefusedError
from app.views.formatting import format_date


def submit(report: ClosingReport, viewer: Viewer) -> None:
    lead = report.contract.offer.lead_provider_id
    if not viewer.is_system and lead != viewer.organisation_id:
        raise TransitionRefusedError(
            _l("Only the lead provider of the delivery can do this.")
        )
    if report.status is not ReportStatus.draft:
        raise TransitionRefusedError(_l("Only a draft report can be submitted."))
    report.status = ReportStatus.submitted
    report.submitted_on = local_now().date()


def review(report: ClosingReport, viewer: Viewer) -> None:
    if report.status is not ReportStatus.submitted:
        raise TransitionRefusedError(_l("Only a submitted report can be reviewed."))
    report.status = ReportStatus.reviewed
    report.reviewed_on = local_now().date()


def draft(contract: ServiceContract, viewer: Viewer) -> ClosingReport:
    """The lead provider's draft report, prefilled with the goals, the
    participants, the hours delivered and the feedback summary."""
    lead = contract.offer.lead_provider_id
    if not viewer.is_system and lead != viewer.organisation_id:
        raise TransitionRefusedError(
            _l("Only the lead provider of the delivery can do this.")
        )
    if contract.status not in (ContractStatus.in_delivery, ContractStatus.delivered):
        raise TransitionRefusedError(
            _l("A closing report is written once the training has started.")
        )
    if contract.closing_report is not None:
        raise TransitionRefusedError(_l("The delivery has a closing report already."))
    report = ClosingReport(
        contract=contract,
        summary=_delivery_summary(contract),
        feedback_analysis=_feedback_summary(contract),
    )
    db.session.add(report)
    db.session.flush()
    return report


def _delivery_summary(contract: ServiceContract) -> str:
    """In Finnish, the working language of the reports."""
    plan = contract.plan
    now = local_now()
    held = [s for s in (plan.sessions if plan else []) if s.ends_at <= now]
    hours = sum(
        (Decimal((s.ends_at - s.starts_at).total_seconds()) / 3600 for s in held),
        Decimal(0),
    ).quantize(Decimal("0.1"))
    participants = contract.participants
    completed = sum(1 for p in participants if p.completed)
    lines = []
    if plan:
        lines += ["Osaamistavoitteet:", plan.competence_goals, ""]
    lines.append(
        f"Osallistujia {len(participants)}, joista koulutuksen suoritti {completed}."
    )
    period = ""
    if held:
        first = format_date(held[0].starts_at.date())
        last = format_date(held[-1].ends_at.date())
        period = f", {first}–{last}"
    lines.append(
        f"Toteutuneet tunnit: {format_decimal(hours)} h "
        f"({len(held)} koulutuskertaa{period})."
    )
    return "\n".join(lines)


def _feedback_summary(contract: ServiceContract) -> str:
    parts = []
    for survey in sorted(contract.surveys, key=lambda s: s.opens_on):
        results = survey_results(survey.id)
        if results is None:
            continue
        heading = (
            f"{survey.kind} {format_date(survey.opens_on)}–"
            f"{format_date(survey.closes_on)}: {results.answers} vastausta"
        )
        if not results.shown:
            parts.append(
                f"{heading}. Tulokset näkyvät, kun vastauksia on vähintään "
                f"{MIN_ANSWERS}."
            )
            continue
        lines = [heading + "."]
        for result in results.questions:
            if result.average is None:
                continue
            average = format_decimal(result.average)
            line = f"- {result.question.text_fi} keskiarvo {average}"
            if result.recommendation_score is not None:
                line += f", suositteluindeksi {result.recommendation_score}"
            lines.append(line)
        parts.append("\n".join(lines))
    return "\n\n".join(parts) or "Palautekyselyitä ei ole tehty."


def format_decimal(value: Decimal) -> str:
    return babel_decimal(value, locale="fi")
