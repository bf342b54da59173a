"""A property-based run of the API's own OpenAPI description: schemathesis
generates valid and invalid requests for every operation, sends each as a
coordinator, a provider and a client, and no answer may be a server error.

It runs on a database of its own, since it keeps whatever it manages to write.
The statuses seen are printed (``pytest -s``) to show what was exercised."""

import os
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from tests.api_world import api_app, token_headers

ROLES = ("coordinator", "provider1", "client1")
# Examples per operation; API_FUZZ_EXAMPLES=500 makes a deeper run by hand.
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "40"))


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory):
    with api_app(tmp_path_factory.mktemp("fuzz"), "fuzz") as application:
        yield application


@pytest.fixture(scope="module")
def tokens(fuzz_app):
    return {username: token_headers(fuzz_app, username) for username in ROLES}


@pytest.fixture(scope="module")
def api_schema(fuzz_app, tokens):
    client = fuzz_app.test_client()
    description = client.get("/api/v1/_openapi", headers=tokens["coordinator"]).json
    return schemathesis.openapi.from_dict(description)


def _valid_and_invalid(operation):
    return st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )


def test_no_request_gets_a_server_error(api_schema, fuzz_app, tokens):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {operation.label for operation in operations} >= {
        "POST /api/v1/leads/",
        "PUT /api/v1/offers/{pk}",
        "GET /api/v1/requests/",
    }
    statuses = Counter()
    for operation in operations:
        _send_generated_requests(operation, fuzz_app, tokens, statuses)
    for (label, status), count in sorted(statuses.items()):
        print(f"{label:40} {status} × {count}")


def _send_generated_requests(operation, app, tokens, statuses: Counter) -> None:
    @given(case=_valid_and_invalid(operation))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def no_server_error(case):
        for username in ROLES:
            response = case.call_and_validate(
                app=app, headers=tokens[username], checks=[not_a_server_error]
            )
            statuses[operation.label, response.status_code] += 1

    no_server_error()
