"""The schema comes from Alembic: upgrade from empty, agree with the models, and
downgrade back, on SQLite and PostgreSQL alike."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_appbuilder import Model
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

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
