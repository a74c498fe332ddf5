"""Every /v1 operation in the spec refuses a missing key (401) and a key without its scope (403)."""

import json
import logging
from pathlib import Path

import pytest

SPEC = json.loads((Path(__file__).resolve().parents[2] / "openapi" / "openapi.json").read_text())
OPERATIONS = [
    (method.upper(), path, operation)
    for path, item in SPEC["paths"].items()
    for method, operation in item.items()
    if method in {"get", "post", "put", "patch", "delete"}
]
OPEN_PATHS = {"/healthz", "/readyz"}


PATH_VALUES = {
    "{slug}": "sciatica",
    "{assessment_id}": "00000000-0000-4000-8000-000000000000",
    "{provider_id}": "1",
    "{location_id}": "1",
    "{organization_id}": "1",
}


def concrete(path: str) -> str:
    for placeholder, value in PATH_VALUES.items():
        path = path.replace(placeholder, value)
    assert "{" not in path, f"add an example value for {path}"
    return path


@pytest.mark.parametrize(
    ("method", "path", "operation"), OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS]
)
def test_operation_needs_a_key_with_its_scope(anonymous_client, issue_key, method, path, operation):
    if path in OPEN_PATHS:
        assert operation["security"] == []
        return
    assert path.startswith("/v1/")
    scope = operation["x-required-scope"]
    assert operation["security"] == [{"ApiKeyHeader": []}, {"BearerKey": []}]

    body = {} if method in ("POST", "PUT", "PATCH") else None
    response = anonymous_client.open(concrete(path), method=method, json=body)
    assert response.status_code == 401, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")

    if scope == "any":
        return
    other = "assessment:read" if scope != "assessment:read" else "content:read"
    response = anonymous_client.open(
        concrete(path), method=method, json=body, headers={"X-API-Key": issue_key(other)}
    )
    assert response.status_code == 403
    body = response.get_json()
    assert body["code"] == "insufficient_scope" and body["required_scope"] == scope


def test_bearer_and_x_api_key_are_both_accepted(anonymous_client, issue_key):
    token = issue_key("content:read")
    assert anonymous_client.get("/v1/conditions", headers={"X-API-Key": token}).status_code == 200
    bearer = anonymous_client.get("/v1/conditions", headers={"Authorization": f"Bearer {token}"})
    assert bearer.status_code == 200


def test_invalid_key_is_401_with_invalid_token(anonymous_client):
    response = anonymous_client.get("/v1/conditions", headers={"X-API-Key": "sck_00000000_nope"})
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_admin_key_may_do_everything(anonymous_client, issue_key):
    token = issue_key("admin")
    assert anonymous_client.get("/v1/conditions", headers={"X-API-Key": token}).status_code == 200


def test_docs_spec_and_probes_need_no_key(anonymous_client):
    for path in ("/healthz", "/openapi.json", "/docs", "/docs/assets/swagger-ui.css"):
        assert anonymous_client.get(path).status_code == 200, path


def test_keys_never_reach_the_logs(client, issue_key, caplog):
    token = issue_key("content:read")
    with caplog.at_level(logging.DEBUG):
        client.get("/v1/conditions", headers={"X-API-Key": token})
        client.get("/v1/conditions", headers={"Authorization": f"Bearer {token}x"})
    secret = token.split("_", 2)[2]
    assert secret not in caplog.text
