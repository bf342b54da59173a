"""Feedback surveys: each participant with an email address and each active
contact person of the client companies gets a personal link of their own, and
answers through it once, anonymously."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import (
    ContactPerson,
    FeedbackAnswer,
    FeedbackSurvey,
    FeedbackValue,
    Participant,
    QuestionKind,
    SurveyInvitation,
)
from app.services.clock import local_now
from app.services.workflow import follow_ups
from app.services.workflow.errors import TransitionRefusedError
from app.views.formatting import format_date


def invitees(survey: FeedbackSurvey) -> list[Participant | ContactPerson]:
    contract = survey.contract
    people: list = [p for p in contract.participants if p.email]
    companies = [company.id for company in contract.request.client_companies]
    people += db.session.scalars(
        db.select(ContactPerson).where(
            ContactPerson.organisation_id.in_(companies),
            ContactPerson.is_active.is_(True),
        )
    ).all()
    return people


def invite(survey: FeedbackSurvey) -> list[SurveyInvitation]:
    """Make the invitations that are missing and return all of them. Each insert
    runs in a savepoint: when two schedulers invite at once, the second finds
    the first one's row instead of failing."""
    for invitee in invitees(survey):
        column = (
            SurveyInvitation.participant_id
            if isinstance(invitee, Participant)
            else SurveyInvitation.contact_person_id
        )
        exists = db.session.scalar(
            db.select(SurveyInvitation.id).where(
                SurveyInvitation.survey_id == survey.id, column == invitee.id
            )
        )
        if exists is not None:
            continue
        invitation = SurveyInvitation(survey_id=survey.id)
        if isinstance(invitee, Participant):
            invitation.participant_id = invitee.id
        else:
            invitation.contact_person_id = invitee.id
        try:
            with db.session.begin_nested():
                db.session.add(invitation)
        except IntegrityError:
            continue
    return db.session.scalars(
        db.select(SurveyInvitation).where(SurveyInvitation.survey_id == survey.id)
    ).all()


def invitation_for(token: str) -> SurveyInvitation | None:
    return db.session.scalar(
        db.select(SurveyInvitation).where(SurveyInvitation.token == token)
    )


def check_open(invitation: SurveyInvitation, today) -> None:
    """Refuse a link that was answered already or whose survey is not open."""
    survey = invitation.survey
    if invitation.answered:
        raise TransitionRefusedError(
            _l("This link has been used already: each link can be answered once.")
        )
    if today < survey.opens_on:
        raise TransitionRefusedError(
            _l("The survey opens on %(day)s.", day=format_date(survey.opens_on))
        )
    if today > survey.closes_on:
        raise TransitionRefusedError(
            _l("The survey closed on %(day)s.", day=format_date(survey.closes_on))
        )


def answer(invitation: SurveyInvitation, values: dict) -> FeedbackAnswer:
    """Record one anonymous answer through a personal link: ``values`` maps each
    question of the survey's set to a score or a text. The link is marked used
    with one conditional update, so two posts of the same link (two tabs, a
    double click) store one answer. The answer does not name the link, and the
    link keeps no time that could tie the two together. Low scores open a
    follow-up item."""
    now = local_now()
    check_open(invitation, now.date())
    used = db.session.execute(
        update(SurveyInvitation)
        .where(
            SurveyInvitation.id == invitation.id,
            SurveyInvitation.answered.is_(False),
        )
        .values(answered=True)
        .execution_options(synchronize_session=False)
    ).rowcount
    if used != 1:
        raise TransitionRefusedError(
            _l("This link has been used already: each link can be answered once.")
        )
    feedback = FeedbackAnswer(survey_id=invitation.survey_id, answered_on=now)
    for question, value in values.items():
        if value is None or value == "":
            continue
        if question.kind is QuestionKind.free_text:
            feedback.values.append(FeedbackValue(question=question, text=value))
        else:
            feedback.values.append(FeedbackValue(question=question, score=value))
    db.session.add(feedback)
    follow_ups.open_for_low_scores(invitation.survey, values)
    return feedback
