"""Schemathesis against the real app for every operation of the committed contract: no 5xx, every
response matches its documented status, headers, media type and schema, invalid input is
rejected with a documented 4xx, and valid input is accepted.

As strict as issue 14's hostile run: every check, positive and negative data, NUL bytes allowed,
positive-data acceptance, CONTRACT_EXAMPLES (default 100) examples per operation, then a stateful
phase that chains operations along the spec's OpenAPI links and the links schemathesis infers
(create a session → read it → answer it; search → read a physician → deactivate it).

"Accepted" includes the documented refusals a valid-looking value still earns on meaning (an
unknown id or ZIP, a cursor from another search, a session changed meanwhile), and 304 to
If-None-Match: 304, 404, 409, 410,
412, 422 and 428 are answers, not bugs; 400, 401, 403, 406, 413, 415 for positive data would be.
"""

from __future__ import annotations

import os
from pathlib import Path

import hypothesis
import pytest
import schemathesis
from schemathesis import GenerationMode
from schemathesis.config import PositiveDataAcceptanceConfig

from service import create_app
from tests.conftest import own_rate_counters
from tests.support.seed import seed_generated_requests_database

SPEC = Path(__file__).resolve().parent.parent / "openapi" / "openapi.json"


@pytest.fixture(scope="module")
def contract_app(database_server, settings):
    """The app on a database of its own: generated requests may write (sessions, imports)."""
    url = database_server.create_database("contract")
    token = seed_generated_requests_database(url, slug="contract", name="Contract tests")
    app = create_app(
        settings.replace(
            database_url=url, rate_limit_key_prefix=own_rate_counters(settings, "contract")
        )
    )
    app.config["CONTRACT_KEY"] = token
    yield app
    app.extensions["usage_recorder"].discard_pending()  # its database goes with the session
    app.extensions["db"].engine.dispose()


# Imports are plain text in CSV or NDJSON: send generated strings as they are.
schemathesis.serializer.alias("text/csv", "text/plain")
schemathesis.serializer.alias("application/x-ndjson", "text/plain")

schema = schemathesis.openapi.from_path(SPEC)
schema.config.update(base_url="http://localhost")
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    max_examples=int(os.environ.get("CONTRACT_EXAMPLES", "100")),
    deterministic=True,
    allow_x00=True,
    # The contract key is sent with every case; a generated key would only test 401s.
    with_security_parameters=False,
)
# The stateful phase has generation settings of its own: the same, so it too sends only our key.
schema.config.phases.stateful.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    allow_x00=True,
    with_security_parameters=False,
)
schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(
    enabled=True,
    expected_statuses=["2xx", "304", "404", "409", "410", "412", "422", "428"],
)


@schema.parametrize()
def test_every_operation_honours_the_contract(case, contract_app):
    case.operation.schema.app = contract_app  # the WSGI transport: requests stay in-process
    case.call_and_validate(
        app=contract_app,
        headers={"X-API-Key": contract_app.config["CONTRACT_KEY"]},
    )


def test_chained_operations_honour_the_contract(contract_app):
    """The stateful phase: sequences of calls, each response feeding the next request."""
    headers = {"X-API-Key": contract_app.config["CONTRACT_KEY"]}
    schema.app = contract_app
    workflow = schema.as_state_machine()
    assert len(workflow.bundles) >= 4, "no links to follow: the stateful phase would test nothing"

    class ContractWorkflow(workflow):
        def get_call_kwargs(self, case):
            return {"app": contract_app, "headers": headers}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            # Named as ours, so the auth checks probe without it rather than take it as generated.
            case.validate_response(
                response,
                additional_checks=additional_checks,
                headers=headers,
                transport_kwargs=kwargs or None,
                recorder=self.recorder,
            )

    ContractWorkflow.run(
        settings=hypothesis.settings(
            max_examples=int(os.environ.get("CONTRACT_STATEFUL_EXAMPLES", "60")),
            stateful_step_count=6,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(hypothesis.HealthCheck),
        )
    )
