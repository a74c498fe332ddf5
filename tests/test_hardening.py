"""Hostile input never reaches PostgreSQL or a parser as a 500: NUL characters and unpaired
surrogates, numbers past bigint or Python's digit limit, JSON nested without end (issue 14)."""

import json

import marshmallow as ma
import pytest
from flask import request

from service import create_app
from service.api import Blueprint
from service.locator import imports

PROBLEM = "application/problem+json"
BIGINT_PAST = str(2**63)  # 9223372036854775808
MAX_PAGE = 2**31 - 1  # service.api.MAX_PAGE, written out


def assert_problem(response, status, code):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert (body["status"], body["code"]) == (status, code)
    assert body["type"] == f"urn:spinecare:problem:{code}"
    return body


# --- NUL characters ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "where", "name"),
    [
        ("/v1/conditions/%00", "path", None),
        ("/v1/treatments/a%00b", "path", None),
        ("/v1/conditions/a%00/treatments", "path", None),
        ("/v1/search?q=a%00b", "query", "q"),
        ("/v1/audit-events?action=%00", "query", "action"),
        ("/v1/physicians?zip=10001&language=e%00", "query", "language"),
        ("/v1/conditions?x%00=1", "query", "x\x00"),
    ],
)
def test_a_nul_in_the_path_or_query_is_a_422_naming_where(every_scope_client, url, where, name):
    body = assert_problem(every_scope_client.get(url), 422, "invalid_character")
    assert body["errors"] == [
        {"in": where, "name": name, "message": "NUL characters are not allowed."}
    ]


def test_an_escaped_percent_zero_zero_is_not_a_nul(every_scope_client):
    response = every_scope_client.get("/v1/search?q=a%2500b")
    assert response.status_code == 200


def test_a_nul_in_the_key_is_a_422_not_a_database_error(anonymous_client):
    response = anonymous_client.get("/v1/conditions", headers={"X-API-Key": "sck_ab\x00cd_x"})
    body = assert_problem(response, 422, "invalid_character")
    assert body["errors"][0]["in"] == "header"


# --- JSON bodies: one loader for every body --------------------------------------------------


class EchoSchema(ma.Schema):
    class Meta:
        unknown = ma.INCLUDE


@pytest.fixture(scope="module")
def echo_app(settings):
    """The app plus two JSON routes: one through @blp.arguments, one through request.get_json."""
    app = create_app(settings)
    blp = Blueprint("echo", __name__)

    @blp.post("/echo-arguments")
    @blp.arguments(EchoSchema())
    def echo_arguments(body):
        return {"received": body}

    app.register_blueprint(blp)

    @app.post("/echo")
    def echo():
        return {"received": request.get_json()}

    return app


DEEP = "[" * 100_000 + "]" * 100_000
HUGE_INTEGER = '{"n": ' + "1" * 5000 + "}"


@pytest.mark.parametrize("path", ["/echo-arguments", "/echo"])
@pytest.mark.parametrize(
    ("body", "code", "name", "message"),
    [
        ('{"text": "a\\u0000b"}', "invalid_character", "text", "NUL characters are not allowed."),
        (
            '{"list": ["ok", "\\u0000"]}',
            "invalid_character",
            "list[1]",
            "NUL characters are not allowed.",
        ),
        ('{"a\\u0000": 1}', "invalid_character", "a\x00", "NUL characters are not allowed."),
        (
            '{"text": "\\ud800"}',
            "invalid_character",
            "text",
            "Unpaired surrogate U+D800 is not allowed (not valid Unicode).",
        ),
        (DEEP, "bad_request", None, "Nested deeper than 32 levels."),
        (
            '{"a": ' * 40 + "1" + "}" * 40,
            "bad_request",
            ".".join(["a"] * 32),
            "Nested deeper than 32 levels.",
        ),
        (HUGE_INTEGER, "bad_request", None, "A number has too many digits."),
        ('{"n": NaN}', "bad_request", None, "NaN is not a JSON number."),
        ('{"n": -Infinity}', "bad_request", None, "-Infinity is not a JSON number."),
        ('{"n": 1e400}', "bad_request", None, "Number 1e400 is out of range."),
    ],
)
def test_json_bodies_past_what_we_can_store_or_parse_are_refused(
    echo_app, path, body, code, name, message
):
    response = echo_app.test_client().post(path, data=body, content_type="application/json")
    # Unparseable (too deep, too long, not a JSON number) is 400; parsed but unstorable is 422.
    problem = assert_problem(response, 422 if code == "invalid_character" else 400, code)
    assert problem["errors"] == [{"in": "json", "name": name, "message": message}]


@pytest.mark.parametrize("path", ["/echo-arguments", "/echo"])
def test_ordinary_json_still_parses_exactly(echo_app, path):
    sent = {
        "text": "caf\u00e9 \\u0000 literally",
        "pair": "\U0001f600",
        "n": 2**70,
        "x": 1.5,
        "nested": [[[{"ok": True}]]],
    }
    response = echo_app.test_client().post(path, json=sent)
    assert response.status_code == 200
    assert response.get_json() == {"received": sent}


def test_the_real_json_operations_use_the_loader(every_scope_client):
    for body, status in ((DEEP, 400), (HUGE_INTEGER, 400), ('{"answers": {"\\u0000": 1}}', 422)):
        response = every_scope_client.post(
            "/v1/assessments/evaluate", data=body, content_type="application/json"
        )
        assert response.status_code == status and response.mimetype == PROBLEM


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        (
            '{"name": "Dr. A\\u0000", "locations": [{"zip": "10001"}]}',
            "name",
            "NUL characters are not allowed.",
        ),
        (
            '{"name": "Dr. A", "locations": [{"zip": "10001", "city": "\\udfff"}]}',
            "locations[0].city",
            "Unpaired surrogate U+DFFF is not allowed (not valid Unicode).",
        ),
        ('{"name": "Dr. A", "npi": ' + "9" * 5000 + "}", None, "A number has too many digits."),
        (DEEP, None, "Nested deeper than 32 levels."),
        (
            '{"name": "Dr. A", "locations": [{"zip": "10001", "lat": Infinity}]}',
            None,
            "Infinity is not a JSON number.",
        ),
    ],
)
def test_ndjson_lines_past_what_we_can_store_or_parse_are_422_by_line(
    every_scope_client, line, field, message
):
    good = json.dumps({"external_id": "p-1", "name": "Dr. Good", "locations": [{"zip": "10001"}]})
    response = every_scope_client.post(
        "/v1/physicians/import", data=f"{good}\n{line}\n", content_type=imports.NDJSON
    )
    body = assert_problem(response, 422, "import_rejected")
    assert body["errors"] == [{"line": 2, "field": field, "message": message}]
    assert body["created"] == 0


# --- integers past PostgreSQL's bigint -------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        f"/v1/conditions?page={BIGINT_PAST}",
        f"/v1/treatments?page={MAX_PAGE + 1}",
        f"/v1/search?q=back&page={BIGINT_PAST}",
        f"/v1/audit-events?page={BIGINT_PAST}",
        "/v1/conditions?page=" + "9" * 5000,
    ],
)
def test_a_page_number_past_the_maximum_is_a_422_naming_page(every_scope_client, url):
    body = assert_problem(every_scope_client.get(url), 422, "validation_failed")
    assert [error["name"] for error in body["errors"]] == ["page"]


def test_the_last_allowed_page_is_an_empty_page(every_scope_client):
    response = every_scope_client.get(f"/v1/conditions?page={MAX_PAGE}")
    assert response.status_code == 200 and response.get_json() == []


@pytest.mark.parametrize("provider_id", [BIGINT_PAST, "9" * 30, "9" * 5000])
def test_an_id_past_bigint_is_a_404(every_scope_client, provider_id):
    assert_problem(every_scope_client.get(f"/v1/physicians/{provider_id}"), 404, "not_found")


def test_the_largest_bigint_id_is_looked_up(every_scope_client):
    body = assert_problem(every_scope_client.get(f"/v1/physicians/{2**63 - 1}"), 404, "not_found")
    assert "no physician" in body["detail"].lower() or str(2**63 - 1) in body["detail"]


def test_the_spec_states_the_bounds(every_scope_client):
    spec = every_scope_client.get("/openapi.json").get_json()
    (provider_id,) = spec["paths"]["/v1/physicians/{provider_id}"]["parameters"]
    assert provider_id["schema"]["maximum"] == 2**63 - 1
    page = next(
        p for p in spec["paths"]["/v1/conditions"]["get"]["parameters"] if p.get("name") == "page"
    )
    assert page["schema"]["maximum"] == MAX_PAGE
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method != "parameters":
                assert "400" in operation["responses"], (method, path)
