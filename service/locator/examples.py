"""Response examples for the OpenAPI document (kept beside the routes they illustrate)."""

SPECIALTY = {
    "code": "208VP0014X",
    "grouping": "Allopathic & Osteopathic Physicians",
    "classification": "Pain Medicine",
    "specialization": "Interventional Pain Medicine",
    "display_name": "Interventional Pain Medicine Physician",
}
SPECIALTY_NODE = {
    "code": "207L00000X",
    "grouping": "Allopathic & Osteopathic Physicians",
    "classification": "Anesthesiology",
    "specialization": None,
    "display_name": "Anesthesiology Physician",
    "level": "classification",
    "parent": None,
    "children": ["207LP2900X", "207LH0002X"],
}
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
    "geo_precision": "zip_centroid",
}
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
    "specialties": [SPECIALTY],
    "therapies": [
        {"slug": "spinal-cord-stimulation", "href": "/v1/treatments/spinal-cord-stimulation"}
    ],
    "href": "/v1/physicians/42",
    "updated_at": "2026-12-01T09:30:00+00:00",
}
PROVIDER_DETAIL = PROVIDER | {"locations": [LOCATION]}
# Loaded from NPPES (`flask locator load-nppes`): it says nothing of new patients or telehealth,
# so both are null (not known), and neither filter value finds this physician.
NPPES_PROVIDER = {
    "id": 57,
    "source": "nppes",
    "external_id": "1245319599",
    "npi": "1245319599",
    "name": "DR. JORDAN DEMOFORD",
    "credentials": "M.D.",
    "gender": "male",
    "languages": [],
    "accepting_new_patients": None,
    "telehealth": None,
    "bio": None,
    "specialties": [SPECIALTY],
    "therapies": [],
    "href": "/v1/physicians/57",
    "updated_at": "2026-11-15T04:00:00+00:00",
}
NPPES_LOCATION = LOCATION | {
    "id": 318,
    "name": None,
    "address_line1": "1 EXAMPLE PLAZA",
    "address_line2": "SUITE 100",
    "city": "NEW YORK",
    "phone": "2125550147",
}
SEARCH_PAGE = {
    "results": [
        {"distance": 0.0, "provider": PROVIDER, "location": LOCATION},
        {"distance": 0.0, "provider": NPPES_PROVIDER, "location": NPPES_LOCATION},
    ],
    "next_cursor": "eyJ2IjogMSwgImQiOiAwLjAsICJpIjogNTcsICJmIjogIjVmMGM2YThlOWIyZDRjMWYifQ",
    "metadata": {
        "origin": {
            "method": "zip",
            "zip": "10001",
            "city": "New York",
            "state": "NY",
            "lat": 40.7484,
            "lon": -73.9967,
            "precision": "zip_centroid",
        },
        "radius": 25.0,
        "unit": "mi",
        "count": 2,
        "nearest_outside_radius": None,
        "zero_result_hint": None,
        "attribution": "/v1/locator/attribution",
    },
}
DEACTIVATION = {
    "id": 42,
    "external_id": "p-1",
    "active": False,
    "deactivated_at": "2026-12-04T10:00:00+00:00",
    "href": "/v1/physicians/42",
}
IMPORT_REPORT = {
    "source": "acme-health",
    "created": 12,
    "updated": 3,
    "unchanged": 85,
    "deactivated": 0,
    "mode": "merge",
    "errors": [],
}
THERAPY = {
    "slug": "spinal-cord-stimulation",
    "name": "Spinal cord stimulation",
    "summary": "A small implanted device sends mild electrical pulses to the spinal cord.",
    "family": "interventional",
    "kind": "device",
    "care_step": "interventional_care",
    "version": 1,
    "reviewed_on": "2026-01-15",
    "next_review_on": "2027-01-15",
    "href": "/v1/treatments/spinal-cord-stimulation",
}
