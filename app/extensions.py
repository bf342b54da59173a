"""The Flask extensions, created once and bound to each app by the factory."""

import sqlite3

from flask_appbuilder.utils.legacy import get_sqla_class
from flask_mail import Mail
from flask_migrate import Migrate
from sqlalchemy import event
from sqlalchemy.engine import Engine

db = get_sqla_class()()
migrate = Migrate()
mail = Mail()


@event.listens_for(Engine, "connect")
def _enforce_sqlite_foreign_keys(dbapi_connection, connection_record) -> None:
    """SQLite ignores foreign keys unless asked, per connection."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


@event.listens_for(Engine, "connect")
def _turn_off_postgresql_jit(dbapi_connection, connection_record) -> None:
    """PostgreSQL compiles a query to machine code when its estimated cost is
    high, which for a page's short queries takes longer than running them:
    the audit log's bounded count (costed as if it read every row) spent
    200 ms compiling and 11 ms running. The back office runs short queries."""
    if type(dbapi_connection).__module__.startswith("psycopg"):
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET jit = off")
        dbapi_connection.commit()
