"""Unknown query parameters are refused like unknown body fields (422 naming each one)."""

from __future__ import annotations

import json

import pytest

from service.openapi_export import render
from service.query_params import allowed_parameters

PROBLEM = "application/problem+json"


@pytest.mark.parametrize(
    ("url", "unknown"),
    [
        ("/v1/conditions?page=1&pagesize=3", ["pagesize"]),  # a typo beside a real one
        ("/v1/conditions/sciatica?lang=es", ["lang"]),  # an operation with no query at all
        ("/v1/search?q=back&kind=condition&sort=rank&x=1", ["sort", "x"]),
        ("/v1/physicians?zip=10001&radius_mi=5", ["radius_mi"]),  # would silently widen
        ("/v1/assessment/questionnaire?_=1700000000", ["_"]),
    ],
)
def test_an_unknown_query_parameter_is_a_422_naming_it(client, url, unknown):
    response = client.get(url)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["code"] == "validation_failed"
    assert body["errors"] == [
        {"in": "query", "name": name, "message": "Unknown parameter."} for name in unknown
    ]


def test_documented_parameters_pass(client):
    assert client.get("/v1/conditions?page=1&page_size=2").status_code == 200
    assert client.get("/v1/search?q=back&kind=condition&page=1&page_size=5").status_code == 200
    assert client.get("/v1/content/changes?limit=5").status_code == 200
    assert client.head("/v1/conditions?page=1").status_code == 200
    # Outside the contract (the docs page, the spec itself) nothing is checked.
    assert client.get("/openapi.json?cachebust=1").status_code == 200


def test_the_allowed_names_are_the_specs(app):
    spec = json.loads(render(app))
    allowed = allowed_parameters(spec)
    assert allowed[("/v1/conditions", "GET")] == {"page", "page_size"}
    assert allowed[("/v1/conditions/{slug}", "GET")] == frozenset()
    assert {"zip", "radius", "cursor", "specialty"} <= allowed[("/v1/physicians", "GET")]


def test_a_key_is_checked_before_the_parameters(anonymous_client):
    assert anonymous_client.get("/v1/conditions?bogus=1").status_code == 401
