"""The committed contract is exactly what the code generates, and every operation is complete."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openapi_spec_validator import validate

from service.openapi_export import render

SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi" / "openapi.json"
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def spec():
    return json.loads(SPEC_PATH.read_text())


def operations(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield f"{method.upper()} {path}", operation


def resolve(spec, node):
    while "$ref" in node:
        section, name = node["$ref"].split("/")[-2:]
        node = spec["components"][section][name]
    return node


def test_committed_spec_matches_the_code(app):
    assert SPEC_PATH.read_text() == render(app), (
        "openapi/openapi.json is stale: run `make openapi` and commit it"
    )


def test_spec_is_valid_openapi_3_0(spec):
    assert spec["openapi"] == "3.0.3"
    validate(spec)


def test_every_operation_is_complete(spec):
    ids = []
    for name, operation in operations(spec):
        ids.append(operation.get("operationId"))
        assert operation.get("operationId"), name
        assert operation.get("summary"), name
        assert operation.get("tags"), name
        assert "security" in operation, name
        success_code = min(code for code in operation["responses"] if code.startswith("2"))
        success = resolve(spec, operation["responses"][success_code])
        for media_type, content in success["content"].items():
            assert "example" in content or "examples" in content, f"{name} {media_type}"
        errors = {
            code: resolve(spec, r) for code, r in operation["responses"].items() if code >= "400"
        }
        assert {"406", "500", "503"} <= set(errors), name
        for code, response in errors.items():
            assert list(response["content"]) == [PROBLEM], f"{name} {code}"
            assert "example" in response["content"][PROBLEM], f"{name} {code}"
    assert len(ids) == len(set(ids)), "operationIds must be unique"


def test_contract_paths(spec):
    assert {
        "/v1/conditions",
        "/v1/conditions/{slug}",
        "/v1/conditions/{slug}/treatments",
        "/v1/treatments",
        "/v1/treatments/{slug}",
        "/v1/care-pathway",
        "/v1/search",
        "/v1/content/changes",
        "/healthz",
        "/readyz",
    } <= set(spec["paths"])


def test_spec_and_docs_are_served_without_a_cdn(client):
    served = client.get("/openapi.json")
    assert served.status_code == 200
    assert served.get_json()["info"]["title"] == "SpineCare Partner API"

    page = client.get("/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "/docs/assets/swagger-ui-bundle.js" in html
    assert "https://" not in html.replace("https://schema.org", "")
    bundle = client.get("/docs/assets/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and len(bundle.data) > 100_000


SPECTRAL_DIR = SPEC_PATH.parent.parent / "tools" / "spectral"


def test_spec_lints_clean_with_spectral():
    """Spectral's OpenAPI ruleset, failing on anything down to hints (tools/spectral, npm)."""
    if shutil.which("npm") is None:
        pytest.skip("Node.js/npm is not installed: Spectral cannot run here")
    spectral = SPECTRAL_DIR / "node_modules" / ".bin" / "spectral"
    if not spectral.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],
            cwd=SPECTRAL_DIR,
            check=True,
            capture_output=True,
            timeout=300,
        )
    result = subprocess.run(
        [
            str(spectral),
            "lint",
            "--fail-severity=hint",
            "--ruleset",
            str(SPEC_PATH.parent.parent / ".spectral.yaml"),
            str(SPEC_PATH),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
