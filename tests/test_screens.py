"""Every screen of the menu opens, in Finnish, for the roles that may use it,
and stays closed to the others."""

import re

import pytest
from flask import url_for

from app.extensions import db
from app.security.roles import ROLE_SCREENS
from app.views.menu import MENU
from tests.conftest import visible_text

MENU_ITEMS = [(category, item) for category in MENU for item in category.items]

# Words of Flask-AppBuilder's English screens that must not show in Finnish ones.
ENGLISH_WORDS = ["Search", "Add Filter", "Record", "Actions", "Logout", "Profile"]
# Words of the Finnish interface that must not show in Swedish screens.
FINNISH_WORDS = ["Hae", "Lisää suodatin", "Toiminnot", "Kirjaudu ulos", "Tallenna"]

DEMO_LOGIN_OF_ROLE = {
    "Coordinator": "coordinator",
    "Provider": "provider1",
    "Steering group": "steering",
    "Client": "client1",
}


def _urls(app, view, pk=None) -> dict[str, str]:
    name = view.__name__
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    with app.test_request_context():
        urls = {"list": url_for(f"{name}.list")}
        if f"{name}.add" in endpoints:
            urls["add"] = url_for(f"{name}.add")
        if pk is not None:
            urls["show"] = url_for(f"{name}.show", pk=pk)
    return urls


SCREENS_OF_ROLES = [
    (role, item)
    for role in sorted(DEMO_LOGIN_OF_ROLE)
    for _category, item in MENU_ITEMS
    if "can_list" in ROLE_SCREENS[role].get(item.view.__name__, ())
]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    ("role", "item"),
    SCREENS_OF_ROLES,
    ids=[f"{role}-{item.name}" for role, item in SCREENS_OF_ROLES],
)
def test_each_role_opens_its_screens_in_its_language(
    app, client_as, role, item, language
):
    """Finnish and Swedish screens carry no English of Flask-AppBuilder, and the
    Swedish and English ones no Finnish of the interface. The language is asked
    for with FAB's ``_l_`` parameter, which leaves the user's saved choice
    alone."""
    client = client_as(DEMO_LOGIN_OF_ROLE[role])
    allowed = ROLE_SCREENS[role][item.view.__name__]
    urls = _urls(app, item.view)
    if "can_add" not in allowed:
        urls.pop("add", None)
    list_page = client.get(urls["list"]).get_data(as_text=True)
    shown = _first_shown_pk(list_page, item.view)
    if shown is not None:
        urls["show"] = _urls(app, item.view, shown)["show"]
    foreign = {
        "fi": ENGLISH_WORDS,
        "sv": ENGLISH_WORDS + FINNISH_WORDS,
        "en": FINNISH_WORDS,
    }[language]

    for kind, url in urls.items():
        response = client.get(url, query_string={"_l_": language})
        assert response.status_code == 200, (kind, url)
        page = response.get_data(as_text=True)
        text = visible_text(page)
        for word in foreign:
            assert f" {word} " not in f" {text} ", (kind, url, word)


def _first_shown_pk(page: str, view) -> str | None:
    match = re.search(rf"/{view.__name__.lower()}/show/(\d+)", page)
    return match.group(1) if match else None


@pytest.mark.parametrize("role", sorted(DEMO_LOGIN_OF_ROLE))
def test_each_role_reaches_exactly_its_screens(app, client_as, role):
    client = client_as(DEMO_LOGIN_OF_ROLE[role])
    allowed = ROLE_SCREENS[role]

    for _category, item in MENU_ITEMS:
        response = client.get(_urls(app, item.view)["list"])
        may_list = "can_list" in allowed.get(item.view.__name__, ())
        assert (response.status_code == 200) is may_list, (role, item.name)


def test_the_administrator_manages_users_and_all_organisations(app, client_as):
    admin = client_as("admin")
    assert admin.get("/users/list/").status_code == 200
    assert admin.get(_urls(app, MENU[-1].items[0].view)["list"]).status_code == 200


def test_only_the_coordinator_and_administrator_manage_users(app, client_as):
    for role, login_name in DEMO_LOGIN_OF_ROLE.items():
        status = client_as(login_name).get("/users/list/").status_code
        assert (status == 200) is (role == "Coordinator"), role


def test_a_company_page_tells_the_story_of_its_requests(app, client_as):
    from app.models import Organisation

    with app.app_context():
        company_id = db.session.scalar(
            db.select(Organisation.id).filter_by(name="Peltolan Konepaja Oy")
        )
    page = client_as("coordinator").get(f"/clientcompanyview/show/{company_id}").text

    assert "TP-DEMO-006" in page
    assert "PS-DEMO-006" in page, "the contract of the request"
    assert "/invoiceview/show/" in page
    assert "/implementationplanview/show/" in page
