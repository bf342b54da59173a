"""The benchmark's app: the product's own factory, plus plain Flask-AppBuilder
model views over the same models and list columns (registered here only, never
in the product), so that both are measured in one process on the same data.

A default view lists the same rows as ours: the coordinator's row rule comes
through Flask-AppBuilder's own means, a base filter. Without it the default
offer list and audit log would show sealed offers, which no deployment could
allow, and would count rows that ours must leave out."""

import os

from flask import Flask
from flask_appbuilder import ModelView
from flask_appbuilder.models.filters import BaseFilter
from flask_appbuilder.models.sqla.interface import SQLAInterface
from sqlalchemy import and_, or_, select

from app import create_app
from app.models import AuditEvent, ConsortiumMember, Offer, OfferSecret
from app.security.role_names import COORDINATOR
from app.security.row_predicates import opened_offer
from app.security.row_rules import read_condition
from app.security.viewer import Viewer
from app.views.audit import AuditEventView
from app.views.coordination import LeadView, RequestForQuotationView
from app.views.production import OfferView
from config import Config


class BenchConfig(Config):
    """Production-like settings (CSRF on, nothing sent), with login throttling
    loosened so that the load test's users can all sign in from one address."""

    MAIL_BACKEND = "mailbox"
    MAIL_SUPPRESS_SEND = False
    AUTH_RATE_LIMIT = "100000 per minute"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}


def listed_audit_rule(viewer: Viewer):
    """The audit log's row rule in the form that suits counting every row, as
    the raw SQL has it: each kind's opened records listed once per query.
    (Ours looks each event's record up, which suits a page and a bounded
    count; for a full count this form is two to four times faster.)"""
    opened = opened_offer(viewer)
    members = select(ConsortiumMember.id).where(ConsortiumMember.offer.has(opened))
    secrets = select(OfferSecret.id).where(OfferSecret.offer.has(opened))
    kind, record = AuditEvent.record_type, AuditEvent.record_id
    return or_(
        kind.is_(None),
        kind.not_in(["Offer", "ConsortiumMember", "OfferSecret"]),
        and_(kind == "Offer", record.in_(select(Offer.id).where(opened))),
        and_(kind == "ConsortiumMember", record.in_(members)),
        and_(kind == "OfferSecret", record.in_(secrets)),
    )


class SameRowsAsOurs(BaseFilter):
    """A base filter that leaves the rows the coordinator may read."""

    name = "same rows"

    def apply(self, query, value):
        viewer = Viewer.current()
        if self.model is AuditEvent:
            return query.filter(listed_audit_rule(viewer))
        return query.filter(read_condition(self.model, viewer))


def _default_view(model, columns: list[str], order: tuple[str, str]) -> type:
    """A plain FAB model view: SQLAInterface, the row rule as a base filter,
    no eager loading."""
    return type(
        f"Default{model.__name__}View",
        (ModelView,),
        {
            "datamodel": SQLAInterface(model),
            "base_filters": [["id", SameRowsAsOurs, None]],
            "list_columns": columns,
            "base_order": order,
            "page_size": 25,
        },
    )


# Our list screens that the benchmark compares, by name; each default view
# takes the model, the list columns and the order of the product's view.
COMPARED: dict[str, type] = {
    view.__name__: view
    for view in (LeadView, OfferView, RequestForQuotationView, AuditEventView)
}

DEFAULT_VIEWS: dict[str, type] = {}


def default_view_name(view_name: str) -> str:
    return "Default" + view_name


def build_bench_app(database_url: str) -> Flask:
    """The product's app over ``database_url`` with the default FAB views, which
    the coordinator may list."""
    app = create_app(BenchConfig, SQLALCHEMY_DATABASE_URI=database_url)
    with app.app_context():
        appbuilder = app.appbuilder
        for view_name, ours in COMPARED.items():
            view = _default_view(
                ours.datamodel.obj, list(ours.list_columns), ours.base_order
            )
            view.__name__ = default_view_name(view_name)
            appbuilder.add_view_no_menu(view)
            DEFAULT_VIEWS[view_name] = view
        names = "|".join(default_view_name(name) for name in COMPARED)
        appbuilder.sm.builtin_roles.setdefault(COORDINATOR, []).append(
            [f"^({names})$", "^can_list$"]
        )
    return app


def wsgi_app() -> Flask:
    """For gunicorn: the bench app over ``BENCH_APP_DATABASE``."""
    return build_bench_app(os.environ["BENCH_APP_DATABASE"])
