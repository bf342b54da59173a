"""The schema comes from Alembic: upgrade from empty, agree with the models, and
downgrade back, on SQLite and PostgreSQL alike."""

from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_appbuilder import Model
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from app.extensions import db
from app.security.bootstrap import bootstrap_security
from tests.conftest import build_app
from tests.databases import drop_database, fresh_database


@pytest.fixture
def empty_database(tmp_path):
    url = fresh_database(tmp_path, "migrations")
    yield url
    drop_database(url)


def _tables(app) -> set[str]:
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_upgrade_from_empty_creates_every_table_of_the_models(empty_database):
    app = build_app(empty_database)
    with app.app_context():
        assert _tables(app) == set()

        upgrade()

        assert _tables(app) == set(Model.metadata.tables)
        db.engine.dispose()


def test_the_migrations_and_the_models_agree(empty_database):
    app = build_app(empty_database)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True}
            )
            differences = compare_metadata(context, Model.metadata)
        db.engine.dispose()

    assert differences == []


def test_bootstrap_after_upgrade_is_idempotent(empty_database):
    app = build_app(empty_database)
    with app.app_context():
        upgrade()
        bootstrap_security(app.appbuilder)
        counts = _security_row_counts()

        bootstrap_security(app.appbuilder)

        assert _security_row_counts() == counts
        roles = {role.name for role in app.appbuilder.sm.get_all_roles()}
        assert {"Coordinator", "Provider", "Steering group", "Client", "Admin"} <= roles
        db.session.remove()
        db.engine.dispose()


def _security_row_counts() -> dict[str, int]:
    tables = ["ab_role", "ab_permission", "ab_view_menu", "ab_permission_view"]
    tables.append("ab_permission_view_role")
    return {
        name: db.session.scalar(db.select(db.func.count()).select_from(db.table(name)))
        for name in tables
    }


def test_downgrade_to_base_removes_every_table(empty_database):
    app = build_app(empty_database)
    with app.app_context():
        upgrade()
        downgrade(revision="base")

        assert _tables(app) == set()
        db.engine.dispose()


def test_changing_a_parent_table_keeps_its_children_and_answers_move_on(
    empty_database,
):
    """Migration 0009 rebuilds the survey table on SQLite; the answers hanging
    from it (ON DELETE CASCADE) stay, and their scores move into the values
    of the default question set; a downgrade moves them back."""
    app = build_app(empty_database)
    with app.app_context():
        upgrade(revision="0008")
        with db.engine.begin() as connection:
            _one_answer(connection)

        upgrade(revision="0009")
        with db.engine.connect() as connection:
            moved = connection.execute(
                text(
                    "SELECT q.kind, v.score, v.text FROM feedback_value v "
                    "JOIN survey_question q ON q.id = v.question_id ORDER BY q.kind"
                )
            ).all()
        downgrade(revision="0008")
        with db.engine.connect() as connection:
            back = connection.execute(
                text(
                    "SELECT overall_rating, recommendation, comment "
                    "FROM feedback_answer"
                )
            ).all()
        db.engine.dispose()

    assert [tuple(row) for row in moved] == [
        ("free_text", None, "Hyvä"),
        ("recommendation", 9, None),
        ("scale", 4, None),
    ]
    assert [tuple(row) for row in back] == [(4, 9, "Hyvä")]


def _insert(connection, table: str, **values) -> None:
    """Insert a row, filling the required columns not given with plain values
    of their type (the models' defaults live in Python, not in the schema)."""
    filler = {int: 1, Decimal: 0, str: "x", bool: True}
    for column in inspect(connection).get_columns(table):
        name = column["name"]
        if name in values or column["nullable"] or name == "id":
            continue
        try:
            kind = column["type"].python_type
        except NotImplementedError:
            kind = str
        values[name] = filler.get(kind, "2026-01-01")
    names = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    connection.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)


def _one_answer(connection) -> None:
    _insert(connection, "organisation", id=1, business_id="1234567-1")
    _insert(connection, "organisation", id=2, business_id="7654321-1")
    _insert(connection, "request_for_quotation", id=1)
    _insert(connection, "offer", id=1, request_id=1, lead_provider_id=2)
    _insert(connection, "service_contract", id=1, offer_id=1)
    _insert(connection, "feedback_survey", id=1, contract_id=1)
    _insert(
        connection,
        "feedback_answer",
        survey_id=1,
        overall_rating=4,
        recommendation=9,
        comment="Hyvä",
    )
