"""Configuration of the training operator's back office.

Values come from the environment, so that one code base serves a developer's
laptop, the test suite and production. The defaults are those of a local
development machine: an embedded SQLite database under ``instance/`` and no mail
sent anywhere. Tests subclass :class:`Config`; production sets the environment.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"

# Used only when SECRET_KEY is not set and the app is not in production mode;
# it is public by definition, since it stands in this repository.
LOCAL_DEVELOPMENT_SECRET = "local-development-only-not-a-secret"


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str) -> list[str] | None:
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or None


def database_url() -> str:
    """The database named by ``DATABASE_URL``, or SQLite under ``instance/``.

    ``postgresql://`` URLs are given the psycopg 3 driver, which is the one the
    requirements install.
    """
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{INSTANCE_DIR / 'operator.db'}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


class Config:
    """Settings read once, when the app factory runs."""

    APP_NAME = "Koulutusoperaattori"
    SECRET_KEY = os.environ.get("SECRET_KEY") or LOCAL_DEVELOPMENT_SECRET
    PRODUCTION = _flag("PRODUCTION")

    SQLALCHEMY_DATABASE_URI = database_url()
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    MIGRATIONS_DIR = str(BASE_DIR / "migrations")

    # The schema belongs to Alembic; roles and permissions to `flask bootstrap`.
    # Syncing permissions from every web worker at start-up races (see README).
    FAB_CREATE_DB = False
    FAB_UPDATE_PERMS = False
    FAB_INDEX_VIEW = "app.views.home.HomeView"
    # Our page skeleton: the page's language and landmarks (see the template).
    FAB_BASE_TEMPLATE = "operator/layout.html"
    FAB_SECURITY_MANAGER_CLASS = "app.security.manager.OperatorSecurityManager"
    FAB_PASSWORD_COMPLEXITY_ENABLED = True
    AUTH_TYPE = 1  # database logins
    AUTH_ROLE_ADMIN = "Admin"
    AUTH_ROLE_PUBLIC = "Public"
    AUTH_USER_REGISTRATION = False
    FAB_ADD_SECURITY_VIEWS = True
    # The API's OpenAPI description (/api/v1/_openapi) and its interactive page
    # (/swagger/v1), for signed-in users; off in production unless API_DOCS=1.
    API_DOCS = _flag("API_DOCS", default=not PRODUCTION)
    # Larger request bodies are refused with 413 before they are read.
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", str(1024 * 1024)))

    # Finnish first. Swedish and English follow in a later release.
    BABEL_DEFAULT_LOCALE = "fi"
    BABEL_DEFAULT_TIMEZONE = "Europe/Helsinki"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "app" / "translations")
    LANGUAGES = {
        "fi": {"flag": "fi", "name": "Suomi"},
        "sv": {"flag": "se", "name": "Svenska"},
        "en": {"flag": "gb", "name": "English"},
    }
    OPERATOR_TIMEZONE = "Europe/Helsinki"

    # "smtp" sends through MAIL_SERVER; "mailbox" keeps every message in the
    # local mailbox (the sent-mail screen) and sends nothing. Without a
    # MAIL_SERVER the mailbox is the default, so a new installation shows what
    # it would send.
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND") or (
        "smtp" if os.environ.get("MAIL_SERVER") else "mailbox"
    )
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = _flag("MAIL_USE_TLS")
    MAIL_USE_SSL = _flag("MAIL_USE_SSL")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get(
        "MAIL_DEFAULT_SENDER", "koulutusoperaattori@localhost"
    )
    # Leave every message waiting in the outbox (tests that do not read mail).
    MAIL_SUPPRESS_SEND = _flag("MAIL_SUPPRESS_SEND")
    MAIL_TIMEOUT = int(os.environ.get("MAIL_TIMEOUT", "10"))
    # The business register's open-data company search used to prefill the
    # need form, e.g. https://avoindata.prh.fi/opendata-ytj-api/v3/companies;
    # unset (the default) turns the lookup off.
    COMPANY_LOOKUP_URL = os.environ.get("COMPANY_LOOKUP_URL")
    COMPANY_LOOKUP_TIMEOUT = float(os.environ.get("COMPANY_LOOKUP_TIMEOUT", "3"))
    # The address of the site in links of emails, e.g. https://koulutus.vantaa.fi
    PUBLIC_URL = os.environ.get("PUBLIC_URL")
    SCHEDULER_TICK_SECONDS = int(os.environ.get("SCHEDULER_TICK_SECONDS", "300"))
    # Participants' personal data is anonymised this many days after their
    # training was closed.
    PARTICIPANT_RETENTION_DAYS = int(
        os.environ.get("PARTICIPANT_RETENTION_DAYS", "365")
    )

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = PRODUCTION
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = PRODUCTION
    WTF_CSRF_ENABLED = True

    # Host names this site answers to, comma-separated; redirects go only there.
    # Unset in development, where any host is accepted.
    TRUSTED_HOSTS = _list("TRUSTED_HOSTS")
    FAB_SAFE_REDIRECT_HOSTS = TRUSTED_HOSTS or []

    # Login throttling, on the form and the API alike. The counts must be shared
    # by every process: set RATELIMIT_STORAGE_URI to redis://host:6379 in
    # production. The in-memory default counts per process.
    AUTH_RATE_LIMITED = True
    RATELIMIT_ENABLED = True
    AUTH_RATE_LIMIT = os.environ.get("AUTH_RATE_LIMIT", "10 per 10 minutes")
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True


class TestConfig(Config):
    """Settings for the test suite: same database rules, no CSRF tokens (a test
    of its own turns them on), and login throttling off except where a test
    turns it on."""

    TESTING = True
    MAIL_BACKEND = "smtp"
    MAIL_SUPPRESS_SEND = True
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
