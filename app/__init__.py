"""The training operator's back office: the app factory.

Each call builds a fresh Flask app with its own Flask-AppBuilder instance, so
that the test suite can create several apps in one process.
"""

import logging

from flask import Flask
from flask_appbuilder import AppBuilder

from app.extensions import db, migrate
from app.extensions import mail as mail_extension

logger = logging.getLogger(__name__)


def create_app(config_object: object | str = "config.Config", **overrides) -> Flask:
    """Build the app from a configuration class and optional overrides."""
    from app.security.log_privacy import install_log_privacy

    install_log_privacy()
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config_object)
    app.config.update(overrides)
    _refuse_unsafe_production_config(app)
    _wait_for_sqlite_locks(app)

    from app.security import audit, hardening
    from app.security.passwords import check_password
    from app.security.roles import fab_roles

    app.config["FAB_ROLES"] = fab_roles()
    app.config["FAB_API_SWAGGER_UI"] = bool(app.config.get("API_DOCS"))
    app.config.setdefault("FAB_PASSWORD_COMPLEXITY_VALIDATOR", check_password)

    db.init_app(app)
    migrate.init_app(app, db, directory=app.config.get("MIGRATIONS_DIR"))
    mail_extension.init_app(app)
    hardening.init_before_appbuilder(app)
    audit.init_audit(app)

    with app.app_context():
        _ensure_sqlite_folder(app)
        appbuilder = AppBuilder(update_perms=False)
        appbuilder.init_app(app, db.session)

        from app.api import register_apis
        from app.views import register_views
        from app.views.public import limit_company_lookup, limit_need_form

        register_views(appbuilder)
        register_apis(appbuilder)
        appbuilder.post_init()
        hardening.limit_api_login(appbuilder)
        limit_need_form(appbuilder)
        limit_company_lookup(appbuilder)

    from app.cli import register_commands
    from app.views.formatting import register_template_filters
    from app.views.language import init_language
    from app.views.page_helpers import register_page_helpers
    from app.views.responses import register_response_statuses

    register_commands(app)
    init_language(app)
    register_template_filters(app)
    register_page_helpers(app)
    register_response_statuses(app)
    return app


def _refuse_unsafe_production_config(app: Flask) -> None:
    from config import LOCAL_DEVELOPMENT_SECRET

    if app.config.get("PRODUCTION") and (
        app.config["SECRET_KEY"] == LOCAL_DEVELOPMENT_SECRET
    ):
        raise RuntimeError(
            "PRODUCTION is set but SECRET_KEY is not: set SECRET_KEY to a long "
            "random value (for example `python -c 'import secrets; "
            "print(secrets.token_hex(32))'`)."
        )


def _wait_for_sqlite_locks(app: Flask) -> None:
    """The web server and the scheduler write to one SQLite file: let a writer
    wait for another's transaction instead of failing after five seconds."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        options["connect_args"] = {"timeout": 30}
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def _ensure_sqlite_folder(app: Flask) -> None:
    """Create the folder of an SQLite database file so that a fresh checkout
    can run without any manual step."""
    from pathlib import Path

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    prefix = "sqlite:///"
    if url.startswith(prefix) and url != "sqlite:///:memory:":
        Path(url[len(prefix) :]).parent.mkdir(parents=True, exist_ok=True)
