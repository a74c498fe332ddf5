"""The CapabilityStatement: exactly the reads, searches and includes this server answers.

`SEARCH_PARAMETERS` is the list the search schemas accept (tests/fhir holds them equal), so the
statement cannot promise a parameter the server refuses, nor hide one it takes.
"""

from __future__ import annotations

from typing import Any

from service.api import API_VERSION
from service.fhir import resources

RELEASED = "2026-12-03"
BASE = "http://hl7.org/fhir/SearchParameter/"
COMMON = [
    ("_id", "token", BASE + "Resource-id", "Resource ids, comma-separated (any of them)."),
    ("_count", "number", None, "Page size, 1 or more; above 50 a page holds 50."),
    ("_cursor", "string", None, "Opaque paging cursor: follow `Bundle.link` `next`."),
    ("_format", "string", None, "`json`, `application/json` or `application/fhir+json`."),
]
SEARCH_PARAMETERS: dict[str, list[tuple[str, str, str | None, str]]] = {
    "Practitioner": [
        (
            "identifier",
            "token",
            BASE + "Practitioner-identifier",
            (
                f"NPI (`{resources.NPI_SYSTEM}|…` or the bare number), our id "
                f"(`{resources.PHYSICIAN_ID_SYSTEM}|…`) or a partner's record id "
                f"(`{resources.PARTNER_RECORD_SYSTEM}<partner>|…`, system required)."
            ),
        ),
    ],
    "PractitionerRole": [
        (
            "practitioner",
            "reference",
            BASE + "PractitionerRole-practitioner",
            "`Practitioner/<id>`.",
        ),
        ("location", "reference", BASE + "PractitionerRole-location", "`Location/<id>`."),
        (
            "specialty",
            "token",
            BASE + "PractitionerRole-specialty",
            (
                f"NUCC taxonomy code (`{resources.NUCC_SYSTEM}`); a classification's code finds its "
                "specializations too, as in /v1/physicians."
            ),
        ),
    ],
    "Location": [
        (
            "near",
            "special",
            BASE + "Location-near",
            (
                "`lat|lon|distance|unit`, unit `mi` (`[mi_i]`) or `km` (km when omitted), distance "
                "at most 250 mi (25 mi when omitted). Answers exactly the locator's radius search: "
                "each physician's nearest location within the distance, nearest first (ties by "
                "physician id), with `location-distance` on each entry. Without `near`, every "
                "location by id."
            ),
        ),
    ],
}
INCLUDES = {
    "PractitionerRole": (
        ["PractitionerRole:practitioner", "PractitionerRole:location", "PractitionerRole:service"],
        [],
    ),
    "Location": (["Location:organization"], ["PractitionerRole:location"]),
}
DOCUMENTATION = (
    "A read-only view of the SpineCare physician locator in the shape of the Da Vinci PDex "
    "Plan-Net profiles (STU 1.1.0); it does not claim full Plan-Net conformance (no networks, "
    "plans or endpoints). Deactivated physicians are not listed and read as "
    "410. Repeated parameters must all match; comma-separated values match any. An unsupported "
    "parameter is a 400 `unsupported_search_parameter`. Errors are application/problem+json "
    "(RFC 9457) with a stable `code`, as everywhere in this API, not OperationOutcome."
)


def search_parameter_names(resource_type: str) -> set[str]:
    names = {name for name, *_ in COMMON + SEARCH_PARAMETERS[resource_type]}
    includes, revincludes = INCLUDES.get(resource_type, ([], []))
    return (
        names | ({"_include"} if includes else set()) | ({"_revinclude"} if revincludes else set())
    )


def search_param(
    name: str, kind: str, definition: str | None, documentation: str
) -> dict[str, Any]:
    param = {"name": name, "type": kind, "documentation": documentation}
    if definition:
        param["definition"] = definition
    return param


def resource_capability(resource_type: str) -> dict[str, Any]:
    capability: dict[str, Any] = {
        "type": resource_type,
        "profile": resources.PROFILES[resource_type],
        "interaction": [{"code": "read"}],
        "versioning": "no-version",
        "readHistory": False,
        "updateCreate": False,
        "conditionalCreate": False,
        "conditionalRead": "not-supported",
        "conditionalUpdate": False,
        "conditionalDelete": "not-supported",
    }
    if resource_type in SEARCH_PARAMETERS:
        capability["interaction"].append({"code": "search-type"})
        includes, revincludes = INCLUDES.get(resource_type, ([], []))
        if includes:
            capability["searchInclude"] = includes
        if revincludes:
            capability["searchRevInclude"] = revincludes
        capability["searchParam"] = [
            search_param(*param) for param in COMMON + SEARCH_PARAMETERS[resource_type]
        ]
    return capability


def capability_statement(base_url: str) -> dict[str, Any]:
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "experimental": False,
        "date": RELEASED,
        "publisher": "SpineCare",
        "kind": "instance",
        "software": {"name": "SpineCare Partner API", "version": API_VERSION},
        "implementation": {
            "description": "SpineCare physician directory (FHIR R4, read-only)",
            "url": base_url,
        },
        "fhirVersion": resources.FHIR_VERSION,
        "format": ["application/fhir+json", "json"],
        "rest": [
            {
                "mode": "server",
                "documentation": DOCUMENTATION,
                "security": {
                    "cors": True,
                    "description": "A partner key with scope `locator:read`, as `X-API-Key: sck_…` "
                    "or `Authorization: Bearer sck_…` (not SMART on FHIR).",
                },
                "resource": [
                    resource_capability(name)
                    for name in (
                        "Practitioner",
                        "PractitionerRole",
                        "HealthcareService",
                        "Location",
                        "Organization",
                    )
                ],
            }
        ],
    }
