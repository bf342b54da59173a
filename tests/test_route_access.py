"""Every route of the app, for every role and for an anonymous visitor, with
every method it takes, against the role table (app/security/roles.py, the same
table the README shows).

A route answers "allowed" when it gets past the access check: a page, a
redirect elsewhere than the login page, or a 404 for the record number 0 that
does not exist. It answers "denied" with 403, or with a redirect to the login
page for an anonymous visitor. A route with no access rule fails the test
unless it is listed here as public on purpose.
"""

import pytest

from app.security.roles import role_grants

ANONYMOUS = "anonymous"
DEMO_LOGIN_OF_ROLE = {
    "Coordinator": "coordinator",
    "Provider": "provider1",
    "Steering group": "steering",
    "Client": "client1",
    "Admin": "admin",
}

# Routes anyone may reach, signed in or not, and why.
PUBLIC_ROUTES = {
    "static": "static files",
    "appbuilder.static": "Flask-AppBuilder's static files",
    "HomeView.index": "the start page; it shows only a welcome before login",
    "UtilView.back": "a redirect to the previous page",
    "LocaleView.index": "the choice of language",
    "AuthDBView.login": "the login form",
    "AuthDBView.logout": "signing out",
    "SecurityApi.login": "the API's token login",
    "SecurityApi.refresh": "the API's token refresh; it needs a refresh token",
    "SurveyAnswerView.answer": "a personal survey link; the token is the key",
    "CertificateCheckView.lookup": "the public check of a certificate's code",
    "CertificateCheckView.check": "the public check of a certificate's code",
    "CalendarFeedView.feed": "a delivery's calendar feed; its secret is the key",
    "PublicView.need": "the public form for a company's training need",
    "PublicView.services": "the public service map",
    "PublicView.privacy": "the privacy notice",
    "CompanyLookupView.lookup": "the need form's lookup in the business register",
}

# Routes guarded by the permission of the action named in the URL; no role is
# granted any action, so none may get past them.
ACTION_ENDPOINTS = {"action", "action_post"}

URL_VALUES = {
    "pk": "0",
    "filename": "x",
    "locale": "fi",
    "key": "funnel",
    "kind": "csv",
    "version": "v1",
    "record_id": "0",
}
UNKNOWN_ACTION = "no-such-action"


def _requests(app):
    """(method, url, form data, requirement) for every route and method. The
    requirement is the (view, permission) the route checks, or None where the
    answer must be 404: an action route of a view without such actions."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ROUTES:
            continue
        function = app.view_functions[rule.endpoint]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if rule.endpoint.split(".")[-1] in ACTION_ENDPOINTS:
                yield from _action_requests(rule, method, function.__self__)
                continue
            url = rule.build({arg: URL_VALUES[arg] for arg in rule.arguments})[1]
            requirement = _required_permission(app, rule.endpoint, function)
            yield method, url, None, requirement


def _action_requests(rule, method, view):
    multiple = rule.endpoint.endswith("action_post")
    names = [
        name
        for name, action in view.actions.items()
        if (action.multiple if multiple else action.single)
    ] or [UNKNOWN_ACTION]
    for name in names:
        requirement = None
        if name != UNKNOWN_ACTION:
            permission = view.get_action_permission_name(name)
            requirement = (view.class_permission_name, permission)
        if multiple:
            yield method, rule.build({})[1], {"action": name}, requirement
        else:
            url = rule.build({"name": name, "pk": "0"})[1]
            yield method, url, None, requirement


def _view_and_method(app, endpoint: str, function):
    """The view of a route and its method; FAB wraps the method of an API with
    before-request hooks in a plain function, found again by its name."""
    if hasattr(function, "__self__"):
        return function.__self__, function
    blueprint, name = endpoint.rsplit(".", 1)
    view = next(
        view
        for view in app.appbuilder.baseviews
        if view.blueprint is not None and view.blueprint.name == blueprint
    )
    return view, getattr(view, name)


def _required_permission(app, endpoint: str, function):
    view, function = _view_and_method(app, endpoint, function)
    name = getattr(function, "_permission_name", None)
    assert name is not None, f"{endpoint} has no access rule and is not public"
    name = (view.method_permission_name or {}).get(function.__name__, name)
    return view.class_permission_name, f"can_{name}"


def _expected(role: str, requirement) -> str:
    if requirement is None:
        return "missing"
    if role == ANONYMOUS:
        return "denied"
    view, permission = requirement
    return "allowed" if permission in role_grants(role).get(view, ()) else "denied"


def _outcome(response, requirement) -> str:
    location = response.headers.get("Location", "")
    if response.status_code in (401, 403) or "/login/" in location:
        return "denied"
    assert response.status_code < 500, response.status_code
    if requirement is None and response.status_code == 404:
        return "missing"
    return "allowed"


@pytest.mark.parametrize("role", [*DEMO_LOGIN_OF_ROLE, ANONYMOUS])
def test_every_route_answers_each_role_as_the_role_table_says(app, client_as, role):
    client = (
        app.test_client() if role == ANONYMOUS else client_as(DEMO_LOGIN_OF_ROLE[role])
    )
    mismatches = []

    for method, url, data, requirement in _requests(app):
        expected = _expected(role, requirement)
        response = client.open(url, method=method, data=data)
        actual = _outcome(response, requirement)
        if actual != expected:
            mismatches.append((method, url, expected, actual, response.status_code))

    assert mismatches == []


def test_public_routes_exist(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert set(PUBLIC_ROUTES) <= endpoints
