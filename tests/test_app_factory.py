"""The app factory: fresh apps per call, configuration from the environment."""

import pytest
from sqlalchemy import text

import config
from app import create_app
from app.extensions import db
from config import TestConfig
from tests.databases import uses_postgresql


def test_each_call_builds_an_app_with_its_own_screens(app, database_url):
    second = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=database_url)

    assert second is not app
    assert second.appbuilder is not app.appbuilder
    for application in (app, second):
        endpoints = {rule.endpoint for rule in application.url_map.iter_rules()}
        assert "OfferView.list" in endpoints
        assert "RequestForQuotationView.show" in endpoints


def test_sqlite_under_instance_is_the_default(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    url = config.database_url()
    assert url.startswith("sqlite:///")
    assert url.endswith("instance/operator.db")


@pytest.mark.parametrize(
    "given",
    ["postgres://u:p@db/operator", "postgresql://u:p@db/operator"],
)
def test_a_postgresql_url_gets_the_installed_driver(monkeypatch, given):
    monkeypatch.setenv("DATABASE_URL", given)
    assert config.database_url() == "postgresql+psycopg://u:p@db/operator"


def test_production_refuses_to_start_with_the_development_secret(database_url):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(
            TestConfig,
            SQLALCHEMY_DATABASE_URI=database_url,
            PRODUCTION=True,
            SECRET_KEY=config.LOCAL_DEVELOPMENT_SECRET,
        )


def test_finnish_is_the_default_language(app):
    assert app.config["BABEL_DEFAULT_LOCALE"] == "fi"


@pytest.mark.skipif(not uses_postgresql(), reason="PostgreSQL's own setting")
def test_postgresql_connections_run_without_jit_compilation(app):
    with app.app_context():
        first = db.session.scalar(text("SHOW jit"))
        db.session.rollback()
        db.engine.dispose()
        # A new connection, after a rolled-back transaction on the old one.
        second = db.session.scalar(text("SHOW jit"))

    assert (first, second) == ("off", "off")
