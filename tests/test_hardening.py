"""Protections around every request: CSRF, security headers and a Content
Security Policy the pages satisfy, cookie flags, no caching of pages, safe
redirects, error pages without internals, and the password rule."""

import re

import pytest
from flask_appbuilder.exceptions import PasswordComplexityValidationError

from app import create_app
from app.extensions import db
from app.models import Lead, Offer
from app.security.passwords import check_password
from config import TestConfig


def _csrf_token(page: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert match, "the form carries a CSRF token"
    return match.group(1)


@pytest.fixture
def strict_app(app, database_url):
    """The app as in production, but over the test database and plain HTTP."""
    return create_app(
        TestConfig, SQLALCHEMY_DATABASE_URI=database_url, WTF_CSRF_ENABLED=True
    )


def test_a_form_posted_without_its_csrf_token_is_refused(strict_app):
    client = strict_app.test_client()
    token = _csrf_token(client.get("/login/").text)
    signed_in = client.post(
        "/login/",
        data={
            "username": "coordinator",
            "password": "demo-salasana",
            "csrf_token": token,
        },
    )
    assert signed_in.status_code == 302
    with strict_app.app_context():
        before = db.session.scalar(db.select(db.func.count(Lead.id)))

    response = client.post("/leadview/add", data={"source": "phone", "status": "new"})

    assert response.status_code == 400
    with strict_app.app_context():
        assert db.session.scalar(db.select(db.func.count(Lead.id))) == before


def test_the_login_without_a_csrf_token_is_refused(strict_app):
    response = strict_app.test_client().post(
        "/login/", data={"username": "coordinator", "password": "demo-salasana"}
    )
    assert response.status_code == 400


@pytest.mark.parametrize("url", ["/login/", "/leadview/add", "/leadview/list/"])
def test_pages_carry_security_headers_and_are_not_cached(coordinator, url):
    response = coordinator.get(url)

    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    nonce = re.search(r"script-src 'self' 'nonce-([^']+)'", policy).group(1)
    for attributes in re.findall(r"<script\b([^>]*)>", response.text):
        same_site = re.search(r'src="/', attributes)
        assert same_site or f'nonce="{nonce}"' in attributes, attributes
    assert not re.search(r"<[^>]+\son[a-z]+=", response.text), "no inline handlers"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


def test_session_cookies_are_http_only_and_same_site(app):
    response = app.test_client().post(
        "/login/", data={"username": "coordinator", "password": "demo-salasana"}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie, "plain HTTP in development"


def test_in_production_cookies_are_secure_and_http_is_redirected(app, database_url):
    production = create_app(
        TestConfig,
        SQLALCHEMY_DATABASE_URI=database_url,
        PRODUCTION=True,
        SECRET_KEY="a-production-secret-for-the-test-only",
    )
    client = production.test_client()

    assert client.get("/login/").status_code == 302
    secure = client.post(
        "/login/",
        data={"username": "coordinator", "password": "demo-salasana"},
        base_url="https://localhost",
    )
    assert "Secure" in secure.headers["Set-Cookie"]
    assert "max-age" in secure.headers["Strict-Transport-Security"]


def test_login_redirects_only_within_the_site(app):
    client = app.test_client()
    response = client.post(
        "/login/?next=https://evil.example/phish",
        data={"username": "coordinator", "password": "demo-salasana"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]


def test_a_database_conflict_shows_no_sql(app, client_as):
    provider = client_as("provider1")
    with app.app_context():
        user = app.appbuilder.sm.find_user(username="provider1")
        offer = db.session.scalars(
            db.select(Offer).filter_by(lead_provider_id=user.organisation_id)
        ).first()
        duplicate = {
            "request": offer.request_id,
            "lead_provider": offer.lead_provider_id,
            "content": "Kaksoiskappale",
            "price": "10",
            "vat_rate": "0",
            "valid_until": "2030-01-01",
            "version": str(offer.version),
            "status": "draft",
        }

    response = provider.post("/offerview/add", data=duplicate)

    assert response.status_code == 409
    for internal in ("INSERT", "UNIQUE", "IntegrityError", "Traceback"):
        assert internal not in response.text


def test_a_server_error_shows_what_to_do_and_no_internals(app, database_url):
    failing = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=database_url)
    failing.config["PROPAGATE_EXCEPTIONS"] = False

    @failing.route("/broken")
    def broken():
        raise RuntimeError("secret internal detail")

    response = failing.test_client().get("/broken")

    assert response.status_code == 500
    assert "secret internal detail" not in response.text
    assert "Traceback" not in response.text
    assert "koordinaattoriin" in response.text


@pytest.mark.parametrize(
    "password", ["lyhyt", "12345678901", "salasana1234", "aaaaaaaaaaaaaaaa"]
)
def test_weak_passwords_are_refused(app, password):
    with app.test_request_context(), pytest.raises(PasswordComplexityValidationError):
        check_password(password)


def test_a_long_varied_password_is_accepted(app):
    with app.test_request_context():
        check_password("kolme hyvää sanaa")


def _new_account(app, client, username, role, password="kolme hyvää sanaa", **more):
    """Post the add-user form; returns the response."""
    with app.app_context():
        role_id = app.appbuilder.sm.find_role(role).id
    form = {
        "first_name": "Testi",
        "last_name": "Käyttäjä",
        "username": username,
        "email": f"{username}@example.com",
        "roles": [role_id],
        "password": password,
        "conf_password": password,
        **more,
    }
    return client.post("/users/add", data=form)


def _account_exists(app, username) -> bool:
    with app.app_context():
        return app.appbuilder.sm.find_user(username=username) is not None


def test_an_account_with_a_weak_password_is_not_made(app, client_as):
    response = _new_account(
        app, client_as("admin"), "weak-password", "Client", password="lyhyt"
    )
    assert response.status_code == 422
    assert "vähintään 12 merkkiä" in response.text
    assert not _account_exists(app, "weak-password")


def test_an_account_needs_an_organisation(app, client_as):
    response = _new_account(
        app, client_as("coordinator"), "no-organisation", "Provider"
    )
    assert response.status_code == 422
    assert not _account_exists(app, "no-organisation")


def test_the_coordinator_cannot_make_an_administrator(app, client_as):
    with app.app_context():
        organisation = app.appbuilder.sm.find_user(
            username="coordinator"
        ).organisation_id
    response = _new_account(
        app,
        client_as("coordinator"),
        "sneaky-admin",
        "Admin",
        organisation=organisation,
    )
    assert response.status_code == 422
    assert not _account_exists(app, "sneaky-admin")


def test_the_coordinator_makes_an_account_for_a_provider(app, client_as):
    with app.app_context():
        organisation = app.appbuilder.sm.find_user(username="provider2").organisation_id
    response = _new_account(
        app,
        client_as("coordinator"),
        "new-provider",
        "Provider",
        organisation=organisation,
    )
    assert response.status_code == 302
    with app.app_context():
        user = app.appbuilder.sm.find_user(username="new-provider")
        assert user.organisation_id == organisation
