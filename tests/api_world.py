"""An app over a database of its own with the demo data, and API tokens of its
demo users, for the tests that write through the API."""

from contextlib import contextmanager

from sqlalchemy import text

from app.demo.loader import demo_password
from app.extensions import db
from tests.conftest import demo_app
from tests.databases import drop_database, fresh_database, keep_databases


@contextmanager
def api_app(folder, purpose: str):
    url = fresh_database(folder, purpose)
    with demo_app(url) as application:
        yield application
    if not keep_databases():
        drop_database(url)


def token_headers(app, username: str, language: str = "en") -> dict:
    """Headers of a call with the user's access token from the API login."""
    answer = app.test_client().post(
        "/api/v1/security/login",
        json={"username": username, "password": demo_password(), "provider": "db"},
    )
    assert answer.status_code == 200, answer.json
    return {
        "Authorization": f"Bearer {answer.json['access_token']}",
        "Accept-Language": language,
    }


def ids(app, sql: str, **values) -> set[int]:
    """The ids an SQL statement selects, written independently of the rules."""
    with app.app_context():
        return set(db.session.scalars(text(sql), values))


def organisation_of(app, username: str) -> int:
    sql = "SELECT organisation_id FROM ab_user WHERE username = :u"
    return next(iter(ids(app, sql, u=username)))


def count(app, table: str) -> int:
    with app.app_context():
        return db.session.scalar(text(f"SELECT count(*) FROM {table}"))
