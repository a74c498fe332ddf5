"""Response examples for the OpenAPI document, made by the same functions that answer requests."""

from service.errors import problem_type
from service.fhir import capability, resources
from service.fhir.service import Paging, bundle, included, match

BASE_URL = "https://api.spinecare.example/v1/fhir"
LOCATION = {
    "id": 311,
    "name": "Example Spine & Pain Clinic",
    "address_line1": "100 Example Avenue",
    "address_line2": None,
    "city": "New York",
    "state": "NY",
    "zip": "10001",
    "phone": "+1-212-555-0142",
    "lat": 40.7484,
    "lon": -73.9967,
    "geo_precision": "exact",
}
UPDATED_AT = "2026-12-01T09:30:00+00:00"
PROVIDER = {
    "id": 42,
    "source": "acme-health",
    "external_id": "p-1",
    "npi": "1234567893",
    "name": "Dr. Avery Sampleton (demo)",
    "credentials": "MD",
    "gender": "female",
    "languages": ["en", "es"],
    "accepting_new_patients": True,
    "telehealth": True,
    "bio": "Fictional demo physician.",
    "specialties": [
        {"code": "208VP0014X", "display_name": "Interventional Pain Medicine Physician"}
    ],
    "therapies": [
        {"slug": "spinal-cord-stimulation", "href": "/v1/treatments/spinal-cord-stimulation"}
    ],
    "updated_at": UPDATED_AT,
    "locations": [LOCATION],
}
PRACTITIONER = resources.practitioner(PROVIDER)
PRACTITIONER_ROLE = resources.practitioner_role(PROVIDER)
HEALTHCARE_SERVICE = resources.healthcare_service(PROVIDER)
LOCATION_RESOURCE = resources.location(LOCATION, UPDATED_AT)
ORGANIZATION = resources.organization(LOCATION, UPDATED_AT) or {}
CAPABILITY_STATEMENT = capability.capability_statement(BASE_URL)

_one_page = Paging(count=20)
PRACTITIONER_BUNDLE = bundle(
    BASE_URL,
    "Practitioner",
    [("identifier", "1234567893")],
    _one_page,
    [match(BASE_URL, PRACTITIONER)],
    None,
)
PRACTITIONER_ROLE_BUNDLE = bundle(
    BASE_URL,
    "PractitionerRole",
    [("specialty", "208VP0014X")],
    Paging(count=1),
    [match(BASE_URL, PRACTITIONER_ROLE)],
    "42",
)
_near_entry = match(BASE_URL, LOCATION_RESOURCE)
_near_entry["search"]["extension"] = [resources.distance_extension(0.412, "mi")]
LOCATION_BUNDLE = bundle(
    BASE_URL,
    "Location",
    [("near", "40.75|-73.99|10|mi"), ("_revinclude", "PractitionerRole:location")],
    _one_page,
    [_near_entry, included(BASE_URL, PRACTITIONER_ROLE)],
    None,
)
UNSUPPORTED_PARAMETER = {
    "type": problem_type("unsupported_search_parameter"),
    "title": "Bad Request",
    "status": 400,
    "detail": "Unsupported parameter(s): name; see /v1/fhir/metadata.",
    "instance": "/v1/fhir/Practitioner",
    "code": "unsupported_search_parameter",
    "request_id": "5f0c6a8e9b2d4c1f8e7a6b5c4d3e2f1a",
    "errors": [{"in": "query", "name": "name", "message": "Not supported by this server."}],
    "supported": ["_count", "_cursor", "_format", "_id", "identifier"],
}
DEACTIVATED = {
    "type": problem_type("physician_deactivated"),
    "title": "Gone",
    "status": 410,
    "detail": "Physician 42 was removed from the directory by its partner.",
    "instance": "/v1/fhir/Practitioner/42",
    "code": "physician_deactivated",
    "request_id": "5f0c6a8e9b2d4c1f8e7a6b5c4d3e2f1a",
}
