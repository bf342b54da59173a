"""Shared fixtures: one migrated, bootstrapped database with the demo data for
the session, apps built by the real factory, and logged-in test clients."""

import re
from contextlib import contextmanager

import pytest
from flask_migrate import upgrade

from app import create_app
from app.demo.loader import DEMO_LOGINS, demo_password, load_demo_data
from app.extensions import db
from app.security.bootstrap import bootstrap_security
from app.services.reminders.defaults import ensure_default_rules
from app.services.standing_themes import ensure_standing_themes
from config import TestConfig
from tests.databases import drop_database, fresh_database, keep_databases

# The browser fixtures (live_server, browser) for the tests in Chromium.
pytest_plugins = ["tests.browser"]


def build_app(database_url: str):
    return create_app(TestConfig, SQLALCHEMY_DATABASE_URI=database_url)


def migrate_and_bootstrap(app) -> None:
    with app.app_context():
        upgrade()
        bootstrap_security(app.appbuilder)
        ensure_default_rules()
        ensure_standing_themes()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = fresh_database(tmp_path_factory.mktemp("db"), "suite")
    yield url
    if not keep_databases():
        drop_database(url)


@contextmanager
def demo_app(database_url: str):
    """An app over a migrated, bootstrapped database holding the demo data;
    its connections are closed afterwards."""
    application = build_app(database_url)
    migrate_and_bootstrap(application)
    with application.app_context():
        load_demo_data(application.appbuilder)
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def app(database_url):
    """The app over the session's database, holding the demo data."""
    with demo_app(database_url) as application:
        yield application


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield
        db.session.rollback()
        db.session.remove()


def login(client, username: str, password: str | None = None):
    return client.post(
        "/login/",
        data={"username": username, "password": password or demo_password()},
        follow_redirects=True,
    )


@pytest.fixture
def client_as(app):
    """A test client logged in as one of the demo logins."""

    def _client(username: str):
        client = app.test_client()
        response = login(client, username)
        assert response.status_code == 200
        assert username in {login_[0] for login_ in DEMO_LOGINS}
        return client

    return _client


@pytest.fixture
def coordinator(client_as):
    return client_as("coordinator")


def visible_text(html: str) -> str:
    """The text of a page without its tags, scripts and styles."""
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"(?s)<[^>]+>", " ", html))


@pytest.fixture
def mail_port():
    from tests.local_services import free_port

    return free_port()


@pytest.fixture
def sending(app, monkeypatch, mail_port):
    """The app sends mail to a port on this machine (nothing listens yet)."""
    monkeypatch.setitem(app.config, "MAIL_SUPPRESS_SEND", False)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", mail_port)
    monkeypatch.setitem(app.config, "MAIL_TIMEOUT", 5)
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://operaattori.example")
    return mail_port


@pytest.fixture
def inbox(sending):
    """A real SMTP server (aiosmtpd) receiving the app's mail."""
    from tests.smtp import start_smtp_server

    controller, received = start_smtp_server(sending)
    yield received
    controller.stop()
