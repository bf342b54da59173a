"""A real browser: each demo role signs in and sees its Finnish start page, and
the API's docs page works under the Content Security Policy. The browser and
the server come from ``tests/browser.py``."""

import pytest
from flask_babel import force_locale, gettext

from app.demo.loader import DEMO_LOGINS, demo_password
from app.views.home import ROLE_WELCOMES
from tests.browser import screenshot_dir, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("username", "role"), [(u, r) for u, _f, _l, r in DEMO_LOGINS])
def test_each_role_signs_in_and_sees_its_finnish_start_page(
    app, live_server, browser, username, role
):
    with app.test_request_context(), force_locale("fi"):
        desk_title = str(ROLE_WELCOMES[role][0])
        sign_in = gettext("Sign In")
    page = browser.new_page(locale="fi-FI")
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    try:
        page.goto(f"{live_server}/login/")
        assert page.locator("html").get_attribute("lang") == "fi"
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", demo_password())
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_load_state("networkidle")

        heading = page.locator("h2.panel-title", has_text=desk_title)
        assert heading.count() == 1, f"{username} does not see {desk_title!r}"
        assert desk_title != str(ROLE_WELCOMES[role][0]._args[0])
        assert sign_in not in page.content()
        page.screenshot(path=str(screenshot_dir() / f"start-{username}.png"))
        assert violations == [], "the pages satisfy the Content Security Policy"
    finally:
        page.close()


def test_the_api_docs_page_works_under_the_content_security_policy(
    live_server, browser
):
    """Swagger UI is served from this site and runs under the CSP: signed in,
    the coordinator sees the API's resources described."""
    page = browser.new_page(locale="fi-FI")
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("requestfailed", lambda request: problems.append(request.url))
    try:
        sign_in(page, live_server, "coordinator")
        page.goto(f"{live_server}/swagger/v1")
        page.wait_for_selector(".opblock-tag", timeout=15000)
        tags = page.locator(".opblock-tag").all_inner_texts()
        assert any("Leads" in tag for tag in tags), tags
        assert any("Offers" in tag for tag in tags), tags
        page.screenshot(path=str(screenshot_dir() / "api-docs.png"), full_page=True)
        assert problems == []
    finally:
        page.close()
