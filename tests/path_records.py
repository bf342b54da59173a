"""Records of the path's second half made directly in the database, each test
with its own: a contract of a fresh request between a client company of the
demo and a provider of the demo."""

import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from stdnum.fi import ytunnus

from app.extensions import db
from app.models import (
    ContactPerson,
    ContractStatus,
    FeedbackSurvey,
    ImplementationPlan,
    Offer,
    OfferStatus,
    Organisation,
    OrganisationKind,
    OutboxMessage,
    QuestionKind,
    ReminderRule,
    RequestForQuotation,
    RequestStatus,
    ServiceContract,
    TrainingSession,
)
from app.models.choices import Language
from app.security.viewer import SYSTEM
from app.services.feedback_results import default_question_set
from app.services.workflow import requests as request_steps


@dataclass
class ContractCase:
    contract_id: int
    request_id: int
    company_id: int
    provider_emails: set[str]
    client_emails: set[str]


def _active_emails(organisation: Organisation) -> set[str]:
    return {p.email for p in organisation.contact_people if p.is_active}


def new_contract(
    app,
    signed_on: date,
    status=ContractStatus.signed,
    end_date: date | None = None,
    client_languages=(Language.fi,),
    provider_languages=(Language.fi,),
    provider_login: str | None = None,
) -> ContractCase:
    """A contract between a new client company and a new provider whose
    contacts speak the given languages, so that no other test's records share
    its recipients."""
    marker = uuid.uuid4().hex[:8]
    with app.app_context():
        company = _organisation(OrganisationKind.client, marker, client_languages)
        if provider_login:
            provider = _organisation_of(app, provider_login)
        else:
            provider = _organisation(
                OrganisationKind.provider, marker, provider_languages
            )
        request = RequestForQuotation(
            reference=f"TP-T-{marker}",
            title=f"Koulutus {marker}",
            description="Kuvaus",
            expertise_sought="Osaaminen",
            client_companies=[company],
            offer_deadline=datetime.combine(signed_on - timedelta(days=7), time(16)),
            status=RequestStatus.awarded,
        )
        offer = Offer(
            request=request,
            lead_provider=provider,
            content="Tarjous",
            price=Decimal("5000"),
            vat_rate=0,
            valid_until=signed_on + timedelta(days=90),
            status=OfferStatus.accepted,
        )
        contract = ServiceContract(
            number=f"PS-T-{marker}",
            offer=offer,
            signed_on=signed_on,
            start_date=signed_on,
            end_date=end_date,
            value=Decimal("5000"),
            status=status,
        )
        db.session.add_all([company, request, offer, contract])
        db.session.commit()
        return ContractCase(
            contract.id,
            request.id,
            company.id,
            _active_emails(provider),
            _active_emails(company),
        )


def organisation_id_of(app, login: str) -> int:
    with app.app_context():
        return app.appbuilder.sm.find_user(username=login).organisation_id


def published_request(
    app, client_login: str = "client1", title: str = "Tarjoustesti"
) -> int:
    """A request of the client's company, published to the pool as the system,
    with its deadline ten days ahead."""
    with app.app_context():
        request = RequestForQuotation(
            reference=f"TP-{uuid.uuid4().hex[:10]}",
            title=title,
            description="Simulaattorikoulutus työnjohdolle.",
            expertise_sought="Osaaminen",
            client_companies=[_organisation_of(app, client_login)],
            offer_deadline=datetime.now() + timedelta(days=10),
        )
        db.session.add(request)
        db.session.flush()
        request_steps.publish(request, SYSTEM)
        db.session.commit()
        return request.id


def _organisation_of(app, login: str) -> Organisation:
    return app.appbuilder.sm.find_user(username=login).organisation


def _organisation(kind, marker, languages) -> Organisation:
    organisation = Organisation(
        kind=kind, name=f"{kind.name} {marker}", business_id=free_business_id()
    )
    db.session.add(organisation)
    db.session.flush()
    for number, language in enumerate(languages):
        organisation.contact_people.append(
            ContactPerson(
                first_name=f"Yhteys{number}",
                last_name=marker,
                email=f"{kind.name}-{number}-{language}-{marker}@example.com",
                language=language,
            )
        )
    return organisation


def free_business_id() -> str:
    """A valid Y-tunnus no organisation has yet."""
    taken = set(db.session.scalars(db.select(Organisation.business_id)))
    for number in range(3_000_000, 3_100_000):
        for check in range(10):
            candidate = f"{number:07d}-{check}"
            if ytunnus.is_valid(candidate) and candidate not in taken:
                return candidate
    raise AssertionError("no free business id")


def messages(app, key_part: str) -> list[OutboxMessage]:
    with app.app_context():
        found = db.session.scalars(
            db.select(OutboxMessage)
            .where(OutboxMessage.key.contains(key_part))
            .order_by(OutboxMessage.id)
        ).all()
        db.session.expunge_all()
        return found


def recipients(app, key_part: str) -> set[str]:
    return {message.recipient for message in messages(app, key_part)}


@contextmanager
def rule_changed(app, kind, **values):
    """Change a reminder rule for the time of a test, then put it back."""
    with app.app_context():
        rule = db.session.scalars(db.select(ReminderRule).filter_by(kind=kind)).one()
        before = {name: getattr(rule, name) for name in values}
        for name, value in values.items():
            setattr(rule, name, value)
        db.session.commit()
    try:
        yield
    finally:
        with app.app_context():
            rule = db.session.scalars(
                db.select(ReminderRule).filter_by(kind=kind)
            ).one()
            for name, value in before.items():
                setattr(rule, name, value)
            db.session.commit()


def survey_form(app, survey_id: int, scale=4, recommendation=9, text=None) -> dict:
    """A posted answer giving ``scale`` to every scale question."""
    with app.app_context():
        survey = db.session.get(FeedbackSurvey, survey_id)
        form = {}
        for question in survey.question_set.questions:
            value = {
                QuestionKind.scale: scale,
                QuestionKind.recommendation: recommendation,
                QuestionKind.free_text: text,
            }[question.kind]
            if value is not None:
                form[f"question_{question.id}"] = str(value)
        return form


def default_set_id(app) -> int:
    with app.app_context():
        return default_question_set().id


def plan_with_days(
    contract_id: int, days: list[date], goals: str, place: str | None = None
) -> ImplementationPlan:
    """A plan with a session from 9 to 15 on each day (not yet added)."""
    plan = ImplementationPlan(
        contract_id=contract_id, competence_goals=goals, contents="Lähipäivät."
    )
    for day in days:
        plan.sessions.append(
            TrainingSession(
                topic="Lähipäivä",
                starts_at=datetime.combine(day, time(9)),
                ends_at=datetime.combine(day, time(15)),
                place=place,
            )
        )
    return plan
