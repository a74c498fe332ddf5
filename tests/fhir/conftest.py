"""FHIR fixtures: the locator's own `make_provider`, and FHIR R4 validation by fhir.resources.

fhir.resources 8 defaults to R5; its R4B package (FHIR 4.3) is the closest to R4 it ships, and
R4B changed none of the resources served here (Practitioner, PractitionerRole, Location,
Organization, Bundle, CapabilityStatement) in ways our documents touch.
"""

from __future__ import annotations

import pytest
from fhir.resources.R4B import get_fhir_model_class

from tests.locator.conftest import make_provider  # noqa: F401 (a fixture, used by name)

FHIR_JSON = "application/fhir+json"
PROBLEM = "application/problem+json"


def validate(resource: dict) -> dict:
    """The resource, after fhir.resources validated it (nested Bundle entries included)."""
    get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    return resource


@pytest.fixture
def fhir_get(client):
    """GET a FHIR path (relative to /v1/fhir, or an absolute `next` link) and validate it."""

    def get(path: str, status: int = 200, **headers):
        url = path if path.startswith("http") else f"/v1/fhir/{path}"
        response = client.get(url, headers=headers)
        assert response.status_code == status, response.get_data(as_text=True)
        if status == 200:
            assert response.mimetype in (FHIR_JSON, "application/json")
            validate(response.get_json())
        else:
            assert response.mimetype == PROBLEM
        return response.get_json()

    return get


def all_pages(fhir_get, path: str) -> list[dict]:
    """Every page of a search, following `next` links."""
    pages = [fhir_get(path)]
    while link := next((k for k in pages[-1]["link"] if k["relation"] == "next"), None):
        pages.append(fhir_get(link["url"]))
        assert len(pages) < 1000
    return pages


def matches(pages: list[dict]) -> list[dict]:
    return [e for page in pages for e in page.get("entry", []) if e["search"]["mode"] == "match"]
