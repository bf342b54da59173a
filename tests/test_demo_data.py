"""The demo data set: believable, complete across the path, and loaded once."""

from flask_appbuilder import Model
from flask_migrate import upgrade

from app.demo import data
from app.demo.loader import DEMO_LOGINS, load_demo_data
from app.extensions import db
from app.models import (
    ContractStatus,
    Organisation,
    OrganisationKind,
    RequestForQuotation,
    RequestStatus,
    ServiceContract,
    ServiceEntity,
)
from app.models.business_id import normalise_business_id
from app.security.bootstrap import bootstrap_security
from tests.conftest import build_app, login
from tests.databases import drop_database, fresh_database


def _row_counts() -> dict[str, int]:
    return {
        name: db.session.scalar(db.select(db.func.count()).select_from(table))
        for name, table in Model.metadata.tables.items()
    }


def test_loading_the_demo_twice_changes_nothing(app, app_context):
    before = _row_counts()

    wrote = load_demo_data(app.appbuilder)

    assert wrote is False
    assert _row_counts() == before


def test_the_demo_has_the_cast_of_the_brief(app_context):
    demo_ids = [data.COORDINATOR["business_id"]]
    demo_ids += [row[1] for row in data.PROVIDERS + data.CLIENT_COMPANIES]

    def count(kind):
        return db.session.scalar(
            db.select(db.func.count()).where(
                Organisation.kind == kind, Organisation.business_id.in_(demo_ids)
            )
        )

    assert count(OrganisationKind.coordinator) == 1
    assert count(OrganisationKind.provider) == 6
    assert count(OrganisationKind.client) == 20
    assert db.session.scalar(db.select(db.func.count(ServiceEntity.id))) == 10
    for business_id in db.session.scalars(db.select(Organisation.business_id)):
        assert normalise_business_id(business_id) == business_id


def test_the_demo_has_a_case_at_every_step_of_the_path(app_context):
    request_statuses = set(db.session.scalars(db.select(RequestForQuotation.status)))
    contract_statuses = set(db.session.scalars(db.select(ServiceContract.status)))

    assert request_statuses == set(RequestStatus)
    assert {
        ContractStatus.signed,
        ContractStatus.in_delivery,
        ContractStatus.closed,
    } <= contract_statuses
    joint = [
        request
        for request in db.session.scalars(db.select(RequestForQuotation))
        if request.is_joint_procurement
    ]
    assert joint


def test_every_demo_login_signs_in_with_its_role(app):
    for username, _first, _last, role in DEMO_LOGINS:
        client = app.test_client()
        page = login(client, username).get_data(as_text=True)
        assert 'href="/logout/"' in page, username
        with app.app_context():
            user = app.appbuilder.sm.find_user(username=username)
            assert [r.name for r in user.roles] == [role]


def test_demo_logins_use_the_password_from_the_environment(tmp_path, monkeypatch):
    url = fresh_database(tmp_path, "demo_password")
    monkeypatch.setenv("DEMO_PASSWORD", "toinen-salasana")
    try:
        app = build_app(url)
        with app.app_context():
            upgrade()
            bootstrap_security(app.appbuilder)
            assert app.appbuilder.sm.count_users() == 0

            load_demo_data(app.appbuilder)

            assert app.appbuilder.sm.count_users() == len(DEMO_LOGINS)
            db.session.remove()
        client = app.test_client()
        assert "/logout/" in login(client, "client1", "toinen-salasana").text
        other = app.test_client()
        assert "/logout/" not in login(other, "client1", "demo-salasana").text
        with app.app_context():
            db.engine.dispose()
    finally:
        drop_database(url)
