"""The API's OpenAPI description and its interactive page: there for signed-in
users where API_DOCS is on, gone where it is off, and describing only what the
API really serves (no FAB ``_info`` endpoint, no deletes)."""

from tests.api_world import token_headers

RESOURCES = ("leads", "companies", "service-entities", "requests", "offers")


def test_the_description_lists_each_resource_and_nothing_more(app):
    answer = app.test_client().get(
        "/api/v1/_openapi", headers=token_headers(app, "provider1")
    )
    assert answer.status_code == 200
    paths = answer.json["paths"]
    for resource in RESOURCES:
        assert f"/api/v1/{resource}/" in paths
        assert f"/api/v1/{resource}/{{pk}}" in paths
    assert not [path for path in paths if "_info" in path]
    methods = {method for operations in paths.values() for method in operations}
    assert "delete" not in methods
    assert "post" not in paths["/api/v1/requests/"]
    assert set(paths["/api/v1/leads/"]) == {"get", "post"}
    schemas = answer.json["components"]["schemas"]
    assert "price" in schemas["OfferApi.post"]["properties"]
    assert "lead_provider_id" not in schemas["OfferApi.post"]["properties"]


def test_the_description_needs_a_signed_in_user(app):
    assert app.test_client().get("/api/v1/_openapi").status_code == 401


def test_the_docs_page_loads_swagger_ui_from_this_site(coordinator):
    page = coordinator.get("/swagger/v1")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "/static/appbuilder/js/swagger-ui-bundle.js" in html
    assert "/api/v1/_openapi" in html
    assert "https://" not in html.split("<body", 1)[0]


def test_without_api_docs_neither_the_description_nor_the_page_exists(
    database_url,
):
    closed = _app_with(database_url, API_DOCS=False)
    client = closed.test_client()
    headers = token_headers(closed, "coordinator")
    assert client.get("/api/v1/_openapi", headers=headers).status_code == 404
    assert client.get("/swagger/v1", headers=headers).status_code == 404
    assert client.get("/api/v1/leads/", headers=headers).status_code == 200


def _app_with(database_url, **settings):
    from app import create_app
    from config import TestConfig

    return create_app(TestConfig, SQLALCHEMY_DATABASE_URI=database_url, **settings)
