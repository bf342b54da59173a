"""Alembic environment: migrations run inside the Flask app, against the
metadata of Flask-AppBuilder's declarative base, which holds FAB's own tables
and every domain table (Flask-SQLAlchemy's ``db.metadata`` holds none)."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app
from flask_appbuilder import Model

import app.models  # noqa: F401  (registers every table on Model.metadata)
from app.cli.deployment_lock import lock_for_transaction

config = context.config
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

target_metadata = Model.metadata


def _engine():
    return current_app.extensions["migrate"].db.engine


def _configure(**kwargs) -> None:
    context.configure(
        target_metadata=target_metadata,
        compare_type=True,
        # SQLite cannot alter tables in place; batch mode copies them.
        render_as_batch=True,
        **kwargs,
    )


def run_migrations_offline() -> None:
    url = _engine().url.render_as_string(hide_password=False)
    _configure(url=url, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    def skip_empty_autogeneration(context, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info("No changes in schema detected.")

    with _engine().connect() as connection:
        if connection.dialect.name == "sqlite":
            # SQLite changes a table by copying it and dropping the old one;
            # with foreign keys enforced, that drop would cascade and delete
            # the rows of every child table. Off for the migration only (the
            # pragma cannot change inside a transaction).
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        _configure(
            connection=connection,
            process_revision_directives=skip_empty_autogeneration,
        )
        with context.begin_transaction():
            # Deploy scripts on several hosts may upgrade at once: the second
            # waits here, then finds the schema current.
            lock_for_transaction(connection)
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
