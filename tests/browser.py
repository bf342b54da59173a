"""A real browser for the tests: Debian's Chromium driven by Playwright, the
app served on a free port of this machine, screenshots kept for CI and axe-core
run on the pages.

Chromium comes from Debian (/usr/bin/chromium); Playwright cannot download
browsers here. Without Chromium the browser tests are skipped, unless
REQUIRE_BROWSER is set, as CI does, in which case they fail.

Loaded as a pytest plugin by ``tests/conftest.py``, so that every test module
shares the fixtures ``live_server`` (the module's ``app`` served over HTTP)
and ``browser``.
"""

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app.demo.loader import demo_password

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# axe-core's impacts that fail a page; "moderate" and "minor" are reported by
# axe but left to the judgement of whoever reads its full results.
BLOCKING_IMPACTS = {"critical", "serious"}


def chromium_or_skip() -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"{CHROMIUM} is missing but REQUIRE_BROWSER is set")
    pytest.skip(f"{CHROMIUM} is not installed")


@contextmanager
def served(app) -> Iterator[str]:
    """The app served in a thread on a free port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def live_server(app):
    """The test module's ``app`` over HTTP: a module that overrides ``app``
    with one of its own gets that one served."""
    with served(app) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def screenshot_dir(*parts: str) -> Path:
    """SCREENSHOT_DIR (artifacts/screenshots by default), or a folder in it."""
    folder = Path(os.environ.get("SCREENSHOT_DIR", "artifacts/screenshots"), *parts)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sign_in(page, base_url: str, username: str) -> None:
    """Sign in through the login form as a demo user."""
    page.goto(f"{base_url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", demo_password())
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_load_state("networkidle")


def blocking_violations(page, name: str) -> list[str]:
    """axe-core's critical and serious findings on the page as it is now, one
    line each, naming the page, the rule and the elements."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{name} ({page.url}): {violation['id']} [{violation['impact']}] "
        f"{violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
