"""Test databases: SQLite files in a temporary folder, or PostgreSQL databases
beside the one named by DATABASE_URL, so that the same suite runs on both."""

import os
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from config import database_url


def uses_postgresql() -> bool:
    return database_url().startswith("postgresql")


def fresh_database(folder: Path, purpose: str) -> str:
    """The URL of a new, empty database for one purpose."""
    if not uses_postgresql():
        return f"sqlite:///{folder / f'{purpose}.db'}"

    base = make_url(database_url())
    name = f"{base.database}_{purpose}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    """Remove a database made by :func:`fresh_database`."""
    if not url.startswith("postgresql"):
        Path(make_url(url).database).unlink(missing_ok=True)
        return
    target = make_url(url)
    admin = create_engine(
        target.set(database=make_url(database_url()).database),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as connection:
        connection.execute(
            text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)')
        )
    admin.dispose()


def keep_databases() -> bool:
    return bool(os.environ.get("KEEP_TEST_DATABASES"))
