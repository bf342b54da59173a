"""The REST API for the city's other systems: Flask-AppBuilder's model APIs
under ``/api/v1/``, with token login (``/api/v1/security/login``) and the row
rules of the screens. ``API_DOCS`` turns the OpenAPI description and its
interactive page on or off."""

from flask import current_app
from flask_appbuilder import AppBuilder

from app.api.companies import CompanyApi
from app.api.leads import LeadApi
from app.api.messages import NOT_SIGNED_IN
from app.api.offers import OfferApi
from app.api.requests import RequestApi
from app.api.service_menu import ServiceEntityApi
from app.api.token_login import guard_token_login

# The resources, with the names the role table gives them.
API_RESOURCES = {
    "LeadApi": "API: leads",
    "CompanyApi": "API: client companies",
    "ServiceEntityApi": "API: service menu",
    "RequestApi": "API: requests for quotation",
    "OfferApi": "API: offers",
}
# FAB's description of the API and its interactive page (FAB_API_SWAGGER_UI).
API_DOCS = {"OpenApi": "API: OpenAPI description", "SwaggerView": "API: docs page"}


def register_apis(appbuilder: AppBuilder) -> None:
    for api in (LeadApi, CompanyApi, ServiceEntityApi, RequestApi, OfferApi):
        appbuilder.add_api(api)
    guard_token_login(current_app._get_current_object(), appbuilder)
    _token_refusals_in_words(appbuilder.sm.jwt_manager)


def _token_refusals_in_words(jwt_manager) -> None:
    """A missing, broken or expired token gets the API's message, not the
    token library's terse English."""

    def refuse(*_args):
        return {"message": str(NOT_SIGNED_IN)}, 401

    jwt_manager.unauthorized_loader(refuse)
    jwt_manager.invalid_token_loader(refuse)
    jwt_manager.expired_token_loader(refuse)
