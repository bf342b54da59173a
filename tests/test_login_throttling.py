"""Login throttling: after the limit, the login form and the API login answer
429, also when the attempts are spread over several server processes that share
a Redis store.

The multi-process test starts a real redis-server and two gunicorn processes.
Without redis-server it is skipped, unless REQUIRE_REDIS is set (as in CI).
"""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from app import create_app
from config import TestConfig
from tests.local_services import (
    free_port,
    redis_server_program,
    wait_until_listening,
)

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 3


def _throttled_app(database_url, **settings):
    return create_app(
        TestConfig,
        SQLALCHEMY_DATABASE_URI=database_url,
        RATELIMIT_ENABLED=True,
        AUTH_RATE_LIMIT=f"{LIMIT} per minute",
        RATELIMIT_STORAGE_URI="memory://",
        **settings,
    )


def _wrong_form_login(client):
    return client.post("/login/", data={"username": "client1", "password": "väärin"})


def _wrong_api_login(client):
    return client.post(
        "/api/v1/security/login",
        json={"username": "client1", "password": "väärin", "provider": "db"},
    )


@pytest.mark.parametrize("attempt", [_wrong_form_login, _wrong_api_login])
def test_too_many_logins_answer_429_with_rate_limit_headers(app, database_url, attempt):
    client = _throttled_app(database_url).test_client()

    answers = [attempt(client) for _ in range(LIMIT)]
    refused = attempt(client)

    assert all(answer.status_code != 429 for answer in answers)
    assert refused.status_code == 429
    assert refused.headers["X-RateLimit-Limit"] == str(LIMIT)
    assert refused.headers["X-RateLimit-Remaining"] == "0"
    assert int(refused.headers["Retry-After"]) > 0


def test_the_limit_counts_only_logins_not_pages(app, database_url):
    client = _throttled_app(database_url).test_client()
    for _ in range(LIMIT + 2):
        assert client.get("/login/").status_code == 200


@pytest.fixture
def redis_url():
    server = redis_server_program()
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_until_listening(port, process)
        yield f"redis://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def two_servers(app, database_url, redis_url):
    """Two gunicorn processes over the suite's database, sharing one Redis."""
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "throttling-test-secret",
        "RATELIMIT_STORAGE_URI": redis_url,
        "AUTH_RATE_LIMIT": f"{LIMIT} per minute",
    }
    servers = []
    try:
        for _ in range(2):
            port = free_port()
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind",
                 f"127.0.0.1:{port}", "run:app"],
                cwd=ROOT,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            servers.append((port, process))
        for port, process in servers:
            wait_until_listening(port, process, seconds=60)
        yield [f"http://127.0.0.1:{port}" for port, _process in servers]
    finally:
        for _port, process in servers:
            process.terminate()
            process.wait(timeout=10)


def _wrong_api_login_at(server: str) -> int:
    request = urllib.request.Request(
        server + "/api/v1/security/login",
        data=json.dumps(
            {"username": "client1", "password": "väärin", "provider": "db"}
        ).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_limit_holds_across_server_processes(two_servers):
    first, second = two_servers

    answers = [_wrong_api_login_at(server) for server in (first, second, first)]
    refused = _wrong_api_login_at(second)

    assert 429 not in answers
    assert refused == 429, "the second process knows the first's count"
