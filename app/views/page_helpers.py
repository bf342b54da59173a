"""Functions the page templates call: the page's language, a survey's
results, a contract's commission and invoiced total, each read through the row
rules."""

from flask import Flask
from flask_babel import get_locale

from app.extensions import db
from app.models import ServiceContract
from app.security.role_names import ADMIN, COORDINATOR, PROVIDER, STEERING_GROUP
from app.security.row_rules import read_condition
from app.security.viewer import Viewer
from app.services.feedback_results import MIN_ANSWERS, survey_results
from app.services.workflow.invoicing import invoiced_total
from app.views.offer_secrets import disclosure_ready, offer_secret_texts


def page_language() -> str:
    """The language the page is written in, for its ``lang`` attribute."""
    locale = get_locale()
    return locale.language if locale else "fi"


def sees_commission() -> bool:
    """The commission is between the coordinator and the providers: the client
    companies do not see it."""
    return bool(Viewer.current().roles & {COORDINATOR, PROVIDER, STEERING_GROUP, ADMIN})


def readable_contract(contract_id) -> ServiceContract | None:
    """The contract, if the current user may read it."""
    return db.session.scalar(
        db.select(ServiceContract).where(
            ServiceContract.id == int(contract_id),
            read_condition(ServiceContract, Viewer.current()),
        )
    )


def register_page_helpers(app: Flask) -> None:
    app.add_template_global(page_language, "page_language")
    app.add_template_global(survey_results, "survey_results")
    app.add_template_global(MIN_ANSWERS, "min_answers")
    app.add_template_global(sees_commission, "sees_commission")
    app.add_template_global(readable_contract, "readable_contract")
    app.add_template_global(invoiced_total, "invoiced_total")
    app.add_template_global(offer_secret_texts, "offer_secret_texts")
    app.add_template_global(disclosure_ready, "disclosure_ready")
