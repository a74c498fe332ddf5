"""Our providers and locations as FHIR R4 resources in the Plan-Net (STU 1.1.0) profiles' shape.

Pure functions of the locator's own dictionaries (`get_provider`'s detail, a search row's
`provider` and `location`): no database, no HTTP. One locator record is one `Practitioner` and
one `PractitionerRole` (same id); each practice location is a `Location`, and a named location
(a practice) is also an `Organization` with the location's id.
"""

from __future__ import annotations

import re
from typing import Any

FHIR_VERSION = "4.0.1"
PLAN_NET = "http://hl7.org/fhir/us/davinci-pdex-plan-net"
PROFILES = {
    name: f"{PLAN_NET}/StructureDefinition/plannet-{name}"
    for name in (
        "Practitioner",
        "PractitionerRole",
        "Location",
        "Organization",
        "HealthcareService",
    )
}
NEW_PATIENTS_EXTENSION = f"{PLAN_NET}/StructureDefinition/newpatients"
ACCEPTING_PATIENTS_SYSTEM = f"{PLAN_NET}/CodeSystem/AcceptingPatientsCS"
ORGANIZATION_TYPE_SYSTEM = f"{PLAN_NET}/CodeSystem/OrgTypeCS"
SERVICE_CATEGORY_SYSTEM = f"{PLAN_NET}/CodeSystem/HealthcareServiceCategoryCS"
DELIVERY_METHOD_EXTENSION = f"{PLAN_NET}/StructureDefinition/delivery-method"
DELIVERY_METHOD_SYSTEM = f"{PLAN_NET}/CodeSystem/DeliveryMethodCS"
# The content catalogue's treatment slugs (GET /v1/treatments/{slug}).
TREATMENT_SYSTEM = "https://api.spinecare.example/fhir/CodeSystem/treatment"
NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi"
NUCC_SYSTEM = "http://nucc.org/provider-taxonomy"
LANGUAGE_SYSTEM = "urn:ietf:bcp:47"  # our stored codes (639-1, else 639-3) are BCP 47 tags
DEGREE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0360"
DISTANCE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/location-distance"
UCUM = "http://unitsofmeasure.org"
UCUM_UNITS = {"mi": "[mi_i]", "km": "km"}
# Our own identifier systems: every record has an id, not every record an NPI.
PHYSICIAN_ID_SYSTEM = "https://api.spinecare.example/fhir/sid/physician"
PRACTICE_ID_SYSTEM = "https://api.spinecare.example/fhir/sid/practice-location"
PARTNER_RECORD_SYSTEM = "https://api.spinecare.example/fhir/sid/partner-record/"  # + source

# HL7 v2 table 0360 (degrees) for the credentials partners send most; others keep their text.
DEGREES = {
    "MD": "Doctor of Medicine",
    "DO": "Doctor of Osteopathy",
    "PHD": "Doctor of Philosophy",
    "NP": "Nurse Practitioner",
    "PA": "Physician Assistant",
    "RN": "Registered Nurse",
    "CNS": "Certified Nurse Specialist",
    "MPH": "Master of Public Health",
    "MS": "Master of Science",
    "MBA": "Master of Business Administration",
}
GENDERS = {"female": "female", "male": "male", "nonbinary": "other"}
NAME_PREFIXES = {"dr", "dr.", "doctor", "prof", "prof."}
PRECISION_NOTES = {
    "zip_centroid": "Position is the centre of the ZIP code, not the building.",
    "city_centroid": "Position is the centre of the city, not the building.",
}


def meta(resource_type: str, updated_at: str) -> dict[str, Any]:
    return {"lastUpdated": updated_at, "profile": [PROFILES[resource_type]]}


def reference(resource_type: str, resource_id: int, display: str | None = None) -> dict[str, Any]:
    ref: dict[str, Any] = {"reference": f"{resource_type}/{resource_id}"}
    if display:
        ref["display"] = display
    return ref


def human_name(name: str, credentials: str | None) -> dict[str, Any]:
    """A HumanName from one name string: `text` as given, the parts as best they split.

    Parenthesised notes ("(demo)") and anything after a comma are not parts of the name.
    """
    core = re.sub(r"\([^)]*\)", " ", name).split(",")[0].split()
    prefix = []
    while core and core[0].lower() in NAME_PREFIXES:
        prefix.append(core.pop(0))
    parts: dict[str, Any] = {"use": "official", "text": name}
    if core:
        parts["family"] = core[-1]
    if core[:-1]:
        parts["given"] = core[:-1]
    if prefix:
        parts["prefix"] = prefix
    if credentials:
        parts["suffix"] = credential_tokens(credentials)
    return parts


def credential_tokens(credentials: str) -> list[str]:
    return [token for token in re.split(r"[\s,;/]+", credentials) if token]


def qualification(token: str) -> dict[str, Any]:
    code = token.upper().replace(".", "")
    concept: dict[str, Any] = {"text": token}
    if code in DEGREES:
        concept["coding"] = [{"system": DEGREE_SYSTEM, "code": code, "display": DEGREES[code]}]
    return {"code": concept}


def identifiers(provider: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    if provider["npi"]:
        found.append(
            {
                "use": "official",
                "type": {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                            "code": "NPI",
                            "display": "National provider identifier",
                        }
                    ]
                },
                "system": NPI_SYSTEM,
                "value": provider["npi"],
            }
        )
    found.append({"use": "secondary", "system": PHYSICIAN_ID_SYSTEM, "value": str(provider["id"])})
    if provider["external_id"]:
        found.append(
            {
                "use": "secondary",
                "system": PARTNER_RECORD_SYSTEM + provider["source"],
                "value": provider["external_id"],
            }
        )
    return found


def practitioner(provider: dict[str, Any]) -> dict[str, Any]:
    """A Plan-Net Practitioner: who the physician is (name, NPI, degrees, languages)."""
    resource: dict[str, Any] = {
        "resourceType": "Practitioner",
        "id": str(provider["id"]),
        "meta": meta("Practitioner", provider["updated_at"]),
        "identifier": identifiers(provider),
        "active": True,  # deactivated physicians are never shown
        "name": [human_name(provider["name"], provider["credentials"])],
    }
    if provider["gender"]:
        resource["gender"] = GENDERS[provider["gender"]]
    if provider["credentials"]:
        resource["qualification"] = [
            qualification(token) for token in credential_tokens(provider["credentials"])
        ]
    if provider["languages"]:
        resource["communication"] = [
            {"coding": [{"system": LANGUAGE_SYSTEM, "code": code}]}
            for code in provider["languages"]
        ]
    return resource


def new_patients(accepting: bool | None) -> list[dict[str, Any]]:
    """The Plan-Net `newpatients` extension, or none when it is not known (null): Plan-Net's
    codes (newpt, nopt, existptonly, existptfam) have no "unknown", and `nopt` would be false."""
    if accepting is None:
        return []
    code, display = ("newpt", "Accepting") if accepting else ("nopt", "Not Accepting")
    return [
        {
            "url": NEW_PATIENTS_EXTENSION,
            "extension": [
                {
                    "url": "acceptingPatients",
                    "valueCodeableConcept": {
                        "coding": [
                            {"system": ACCEPTING_PATIENTS_SYSTEM, "code": code, "display": display}
                        ]
                    },
                }
            ],
        }
    ]


def specialty(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "coding": [
            {"system": NUCC_SYSTEM, "code": entry["code"], "display": entry["display_name"]}
        ],
        "text": entry["display_name"],
    }


def practitioner_role(provider: dict[str, Any]) -> dict[str, Any]:
    """A Plan-Net PractitionerRole: where the physician practises, as what, and whether they
    take new patients (when known). `provider` is `get_provider`'s detail (with every location)."""
    locations = provider["locations"]
    phones = list(dict.fromkeys(location["phone"] for location in locations if location["phone"]))
    resource: dict[str, Any] = {
        "resourceType": "PractitionerRole",
        "id": str(provider["id"]),
        "meta": meta("PractitionerRole", provider["updated_at"]),
    }
    if extensions := new_patients(provider["accepting_new_patients"]):
        resource["extension"] = extensions
    resource |= {
        "active": True,
        "practitioner": reference("Practitioner", provider["id"], provider["name"]),
    }
    if provider["specialties"]:
        resource["specialty"] = [specialty(entry) for entry in provider["specialties"]]
    if locations:
        resource["location"] = [
            reference("Location", location["id"], location_name(location)) for location in locations
        ]
    if phones:
        resource["telecom"] = [
            {"system": "phone", "value": phone, "use": "work"} for phone in phones
        ]
    resource["healthcareService"] = [
        reference("HealthcareService", provider["id"], healthcare_service_name(provider))
    ]
    return resource


def healthcare_service_name(provider: dict[str, Any]) -> str:
    return f"Pain care by {provider['name']}"


def delivery_method(code: str) -> dict[str, Any]:
    return {
        "url": DELIVERY_METHOD_EXTENSION,
        "extension": [
            {
                "url": "type",
                "valueCodeableConcept": {
                    "coding": [
                        {
                            "system": DELIVERY_METHOD_SYSTEM,
                            "code": code,
                            "display": code.capitalize(),
                        }
                    ]
                },
            }
        ],
    }


def healthcare_service(provider: dict[str, Any]) -> dict[str, Any]:
    """A Plan-Net HealthcareService: what the physician offers (the content catalogue's
    treatments), in person and, only when telehealth is known to be offered, virtually (null
    is not known: not claimed). Same id as the role."""
    methods = ["physical"] + (["virtual"] if provider["telehealth"] is True else [])
    resource: dict[str, Any] = {
        "resourceType": "HealthcareService",
        "id": str(provider["id"]),
        "meta": meta("HealthcareService", provider["updated_at"]),
        "extension": [
            *new_patients(provider["accepting_new_patients"]),
            *(delivery_method(method) for method in methods),
        ],
        "active": True,
        "category": [
            {
                "coding": [
                    {
                        "system": SERVICE_CATEGORY_SYSTEM,
                        "code": "prov",
                        "display": "Medical Provider",
                    }
                ]
            }
        ],
        "name": healthcare_service_name(provider),
    }
    if provider["therapies"]:
        resource["type"] = [
            {"coding": [{"system": TREATMENT_SYSTEM, "code": therapy["slug"]}]}
            for therapy in provider["therapies"]
        ]
    if provider["specialties"]:
        resource["specialty"] = [specialty(entry) for entry in provider["specialties"]]
    if provider["locations"]:
        resource["location"] = [
            reference("Location", location["id"], location_name(location))
            for location in provider["locations"]
        ]
    return resource


def location_name(location: dict[str, Any]) -> str:
    """US Core requires a name: the practice's, else the address, else the id."""
    address = [location[key] for key in ("address_line1", "city", "state") if location[key]]
    return location["name"] or ", ".join(address) or f"Practice location {location['id']}"


def address(location: dict[str, Any]) -> dict[str, Any]:
    lines = [line for line in (location["address_line1"], location["address_line2"]) if line]
    found: dict[str, Any] = {"use": "work", "type": "physical"}
    if lines:
        found["line"] = lines
    for fhir_name, name in (("city", "city"), ("state", "state"), ("postalCode", "zip")):
        if location[name]:
            found[fhir_name] = location[name]
    found["country"] = "US"
    return found


def location(location: dict[str, Any], updated_at: str) -> dict[str, Any]:
    """A Plan-Net Location: the address and position of one practice location."""
    resource: dict[str, Any] = {
        "resourceType": "Location",
        "id": str(location["id"]),
        "meta": meta("Location", updated_at),
        "status": "active",
        "name": location_name(location),
        "address": address(location),
        "position": {"longitude": location["lon"], "latitude": location["lat"]},
    }
    if location["geo_precision"] in PRECISION_NOTES:
        resource["description"] = PRECISION_NOTES[location["geo_precision"]]
    if location["phone"]:
        resource["telecom"] = [{"system": "phone", "value": location["phone"], "use": "work"}]
    if location["name"]:
        resource["managingOrganization"] = reference(
            "Organization", location["id"], location["name"]
        )
    return resource


def organization(location: dict[str, Any], updated_at: str) -> dict[str, Any] | None:
    """The practice a named location is (a Plan-Net provider group); None for an unnamed one.

    Partners list practices per location, not as entities of their own, so the practice has the
    location's id: the same clinic listed by two partners is two Organizations.
    """
    if not location["name"]:
        return None
    resource: dict[str, Any] = {
        "resourceType": "Organization",
        "id": str(location["id"]),
        "meta": meta("Organization", updated_at),
        "identifier": [
            {"use": "secondary", "system": PRACTICE_ID_SYSTEM, "value": str(location["id"])}
        ],
        "active": True,
        "type": [
            {
                "coding": [
                    {
                        "system": ORGANIZATION_TYPE_SYSTEM,
                        "code": "prvgrp",
                        "display": "Provider Group",
                    }
                ]
            }
        ],
        "name": location["name"],
        "address": [address(location)],
    }
    if location["phone"]:
        resource["telecom"] = [{"system": "phone", "value": location["phone"], "use": "work"}]
    return resource


def distance_extension(distance: float, unit: str) -> dict[str, Any]:
    """What FHIR puts on a `near` match's `Bundle.entry.search`: its distance from the point."""
    return {
        "url": DISTANCE_EXTENSION,
        "valueDistance": {
            "value": distance,
            "unit": unit,
            "system": UCUM,
            "code": UCUM_UNITS[unit],
        },
    }
