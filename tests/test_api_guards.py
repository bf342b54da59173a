"""The API's guards against requests Flask-AppBuilder alone answers with a 500
or with more than it should: odd query strings, impossible ids and pages, a
token login without its provider, oversized bodies; and API writes land in the
audit log like the screens' writes."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent
from tests.api_world import token_headers


def _leads(app, q: str, language="en"):
    return app.test_client().get(
        "/api/v1/leads/",
        query_string={"q": q},
        headers=token_headers(app, "coordinator", language),
    )


@pytest.mark.parametrize(
    ("q", "finnish"),
    [
        ("(filters:!((col:status,opr:eq,value:nonsense)))", "Suodattimen arvo"),
        ("(columns:!(id,description))", "Sarakkeiden valinta"),
        ("(page:-1)", "page_size"),
        ("(page:99999999999,page_size:100)", "page_size"),
        ("-7.091665815983681e+16", "Risonia"),
    ],
)
def test_a_query_fab_would_fail_on_gets_a_400_that_says_why(app, q, finnish):
    answer = _leads(app, q, language="fi")
    assert answer.status_code == 400, answer.json
    assert finnish in answer.json["message"]


def test_a_good_query_still_filters_and_pages(app):
    answer = _leads(app, "(filters:!((col:status,opr:eq,value:new)),page_size:2)")
    assert answer.status_code == 200
    assert len(answer.json["result"]) <= 2
    assert {lead["status"] for lead in answer.json["result"]} <= {"new"}


@pytest.mark.parametrize("pk", ["0", "99999999999", "abc", "-1"])
def test_an_impossible_id_is_simply_not_found(app, pk):
    headers = token_headers(app, "coordinator")
    client = app.test_client()
    for answer in (
        client.get(f"/api/v1/leads/{pk}", headers=headers),
        client.put(f"/api/v1/leads/{pk}", json={"description": "x"}, headers=headers),
    ):
        assert answer.status_code in (404, 405), answer.status_code
        if answer.status_code == 404:
            assert answer.json["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"username": "coordinator", "password": "x"},
        {"username": "coordinator", "password": "x", "provider": "ldap"},
        {"username": "lone \udbe1 surrogate", "password": "x", "provider": "db"},
        {"username": "a\x00b", "password": "x", "provider": "db"},
        {"username": ["coordinator"], "password": "x", "provider": "db"},
        ["coordinator"],
    ],
)
def test_a_malformed_token_login_gets_a_400_with_the_expected_shape(app, body):
    answer = app.test_client().post(
        "/api/v1/security/login", json=body, headers={"Accept-Language": "fi"}
    )
    assert answer.status_code == 400
    assert '"provider": "db"' in answer.json["message"]


def test_an_oversized_body_is_refused_everywhere_with_413(app):
    big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    client = app.test_client()
    login = client.post(
        "/api/v1/security/login", data=big, content_type="application/json"
    )
    assert login.status_code == 413
    assert login.json["message"]
    need = client.post("/need", data={"need": big}, headers={"Accept-Language": "fi"})
    assert need.status_code == 413
    assert "liian suuri" in need.get_data(as_text=True)


def test_an_api_write_is_in_the_audit_log_with_its_user(app):
    headers = token_headers(app, "coordinator")
    with app.app_context():
        company = db.session.scalar(
            db.text("SELECT id FROM organisation WHERE kind = 'client' LIMIT 1")
        )
    answer = app.test_client().post(
        "/api/v1/leads/",
        json={"company_id": company, "source": "email", "description": "Audited."},
        headers=headers,
    )
    assert answer.status_code == 201
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(
                AuditEvent.record_type == "Lead",
                AuditEvent.record_id == answer.json["id"],
            )
        )
        assert event is not None
        assert event.username == "coordinator"
        assert event.action.name == "create"
