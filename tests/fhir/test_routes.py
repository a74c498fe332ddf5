"""The FHIR view over HTTP: every resource validates (R4B), Plan-Net shape, searches, paging,
problems, deactivation, auth."""

from __future__ import annotations

import pytest

from service.fhir import capability, resources
from service.fhir.schemas import (
    LocationSearchArgsSchema,
    PractitionerRoleSearchArgsSchema,
    PractitionerSearchArgsSchema,
)
from tests.fhir.conftest import FHIR_JSON, PROBLEM, all_pages, matches, validate

NPI = "1234567893"  # passes the NPI check digit
ORIGIN = (40.7484, -73.9967)


@pytest.fixture
def described(make_provider, db_session):
    """A physician with everything the mapping uses: NPI, degrees, gender, two named locations."""
    provider = make_provider(
        (40.75, -73.99),
        (40.70, -74.01),
        name="Dr. Ana María Ortiz (demo)",
        specialties=("208VP0014X", "207LP2900X"),
        languages=("en", "es", "yue"),
        therapies=("spinal-cord-stimulation",),
        accepting_new_patients=False,
        telehealth=True,
    )
    provider.npi, provider.credentials, provider.gender = NPI, "MD, PhD", "nonbinary"
    first, second = provider.locations
    first.name, first.address_line1, first.city, first.state = (
        "Example Spine Clinic",
        "100 Example Ave",
        "New York",
        "NY",
    )
    first.zip_code, first.phone = "10001", "+1-212-555-0142"
    second.geo_precision = "zip_centroid"
    db_session.flush()
    return provider


def test_reads_are_plan_net_resources_that_validate(fhir_get, described):
    practitioner = fhir_get(f"Practitioner/{described.id}")
    assert practitioner["meta"]["profile"] == [resources.PROFILES["Practitioner"]]
    assert practitioner["meta"]["lastUpdated"]
    npi = practitioner["identifier"][0]
    assert (npi["system"], npi["value"]) == ("http://hl7.org/fhir/sid/us-npi", NPI)
    assert practitioner["name"] == [
        {
            "use": "official",
            "text": "Dr. Ana María Ortiz (demo)",
            "family": "Ortiz",
            "given": ["Ana", "María"],
            "prefix": ["Dr."],
            "suffix": ["MD", "PhD"],
        }
    ]
    assert [q["code"]["coding"][0]["code"] for q in practitioner["qualification"]] == ["MD", "PHD"]
    assert [c["coding"][0] for c in practitioner["communication"]] == [
        {"system": "urn:ietf:bcp:47", "code": code} for code in ("en", "es", "yue")
    ]
    assert practitioner["gender"] == "other"

    role = fhir_get(f"PractitionerRole/{described.id}")
    assert role["meta"]["profile"] == [resources.PROFILES["PractitionerRole"]]
    assert role["practitioner"]["reference"] == f"Practitioner/{described.id}"
    first, second = described.locations
    assert [ref["reference"] for ref in role["location"]] == [
        f"Location/{first.id}",
        f"Location/{second.id}",
    ]
    assert [s["coding"][0]["system"] for s in role["specialty"]] == [resources.NUCC_SYSTEM] * 2
    assert [s["coding"][0]["code"] for s in role["specialty"]] == ["208VP0014X", "207LP2900X"]
    (new_patients,) = role["extension"]
    assert new_patients["url"] == (
        "http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/newpatients"
    )
    assert new_patients["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "nopt"
    assert role["telecom"] == [{"system": "phone", "value": "+1-212-555-0142", "use": "work"}]
    assert role["healthcareService"][0]["reference"] == f"HealthcareService/{described.id}"

    services = fhir_get(f"HealthcareService/{described.id}")
    assert services["meta"]["profile"] == [resources.PROFILES["HealthcareService"]]
    assert [t["coding"][0] for t in services["type"]] == [
        {"system": resources.TREATMENT_SYSTEM, "code": "spinal-cord-stimulation"}
    ]
    methods = [
        e["extension"][0]["valueCodeableConcept"]["coding"][0]["code"]
        for e in services["extension"]
        if e["url"] == resources.DELIVERY_METHOD_EXTENSION
    ]
    assert methods == ["physical", "virtual"]  # telehealth

    location = fhir_get(f"Location/{first.id}")
    assert location["meta"]["profile"] == [resources.PROFILES["Location"]]
    assert location["position"] == {"longitude": -73.99, "latitude": 40.75}
    assert location["address"] == {
        "use": "work",
        "type": "physical",
        "line": ["100 Example Ave"],
        "city": "New York",
        "state": "NY",
        "postalCode": "10001",
        "country": "US",
    }
    assert location["managingOrganization"]["reference"] == f"Organization/{first.id}"
    unnamed = fhir_get(f"Location/{second.id}")
    assert (
        unnamed["name"] == f"Practice location {second.id}"
        and "managingOrganization" not in unnamed
    )
    assert "ZIP code" in unnamed["description"]

    organization = fhir_get(f"Organization/{first.id}")
    assert organization["meta"]["profile"] == [resources.PROFILES["Organization"]]
    assert organization["name"] == "Example Spine Clinic" and organization["active"] is True
    problem = fhir_get(f"Organization/{second.id}", status=404)
    assert problem["code"] == "not_found"


@pytest.mark.parametrize("accepting", [True, False, None])
@pytest.mark.parametrize("telehealth", [True, False, None])
def test_unknown_new_patients_and_telehealth_are_not_claimed(
    fhir_get, make_provider, accepting, telehealth
):
    # null (not known, e.g. from NPPES): no newpatients extension (Plan-Net has no "unknown" code
    # and `nopt` would say "not accepting"); `virtual` only when telehealth is known to be offered.
    provider = make_provider(ORIGIN, accepting_new_patients=accepting, telehealth=telehealth)
    role = fhir_get(f"PractitionerRole/{provider.id}")
    services = fhir_get(f"HealthcareService/{provider.id}")
    for resource in (role, services):
        codes = [
            e["extension"][0]["valueCodeableConcept"]["coding"][0]["code"]
            for e in resource.get("extension", [])
            if e["url"] == resources.NEW_PATIENTS_EXTENSION
        ]
        assert codes == {True: ["newpt"], False: ["nopt"], None: []}[accepting]
    if accepting is None:
        assert "extension" not in role
    methods = [
        e["extension"][0]["valueCodeableConcept"]["coding"][0]["code"]
        for e in services["extension"]
        if e["url"] == resources.DELIVERY_METHOD_EXTENSION
    ]
    assert methods == (["physical", "virtual"] if telehealth is True else ["physical"])


def test_media_types(client, described):
    fhir = client.get(f"/v1/fhir/Practitioner/{described.id}")
    assert fhir.mimetype == FHIR_JSON and fhir.headers["ETag"]
    plain = client.get(
        f"/v1/fhir/Practitioner/{described.id}", headers={"Accept": "application/json"}
    )
    assert plain.mimetype == "application/json" and plain.get_json() == fhir.get_json()
    assert plain.headers["ETag"] != fhir.headers["ETag"]
    assert "Accept" in plain.headers["Vary"]
    versioned = client.get(
        f"/v1/fhir/Practitioner/{described.id}",
        headers={"Accept": "application/fhir+json; fhirVersion=4.0"},
    )
    assert versioned.mimetype == FHIR_JSON
    again = client.get(
        f"/v1/fhir/Practitioner/{described.id}", headers={"If-None-Match": fhir.headers["ETag"]}
    )
    assert again.status_code == 304
    xml = client.get("/v1/fhir/metadata", headers={"Accept": "application/fhir+xml"})
    assert xml.status_code == 406 and xml.mimetype == PROBLEM


def test_capability_statement_validates_and_says_exactly_what_is_searchable(fhir_get):
    statement = fhir_get("metadata")
    assert statement["fhirVersion"] == "4.0.1" and statement["kind"] == "instance"
    assert statement["implementation"]["url"] == "http://localhost/v1/fhir"
    by_type = {r["type"]: r for r in statement["rest"][0]["resource"]}
    assert set(by_type) == {
        "Practitioner",
        "PractitionerRole",
        "HealthcareService",
        "Location",
        "Organization",
    }
    for read_only in ("HealthcareService", "Organization"):
        assert [i["code"] for i in by_type[read_only]["interaction"]] == ["read"]
    for resource_type, schema in (
        ("Practitioner", PractitionerSearchArgsSchema),
        ("PractitionerRole", PractitionerRoleSearchArgsSchema),
        ("Location", LocationSearchArgsSchema),
    ):
        resource = by_type[resource_type]
        assert resource["profile"] == resources.PROFILES[resource_type]
        accepted = {field.data_key or name for name, field in schema().fields.items()}
        assert capability.search_parameter_names(resource_type) == accepted
        declared = {p["name"] for p in resource["searchParam"]}
        declared |= {"_include"} if resource.get("searchInclude") else set()
        declared |= {"_revinclude"} if resource.get("searchRevInclude") else set()
        assert declared == accepted


def native_results(client, lat, lon, radius, unit, limit=3):
    results, cursor = [], None
    while True:
        query = f"/v1/physicians?lat={lat}&lon={lon}&radius={radius}&unit={unit}&limit={limit}"
        page = client.get(query + (f"&cursor={cursor}" if cursor else "")).get_json()
        results += page["results"]
        if not (cursor := page["next_cursor"]):
            return results


@pytest.mark.parametrize(("radius", "unit"), [(10, "mi"), (25, "km"), (250, "mi")])
def test_near_finds_the_same_providers_in_the_same_order_as_the_native_search(
    client, fhir_get, make_provider, db_session, radius, unit
):
    """The done-when of issue 16: Location?near= is the native radius search."""
    points = [
        (40.7484, -73.9967),
        (40.7484, -73.9967),
        (40.76, -73.98),
        (40.80, -73.95),
        (40.9, -73.8),
        (41.3, -73.5),
        (42.36, -71.06),
        (39.95, -75.17),
        (34.05, -118.24),
    ]
    made = [make_provider(point) for point in points]
    make_provider((40.81, -73.96), (40.7485, -73.9966))  # its nearer location counts
    gone = make_provider((40.7484, -73.9967))
    gone.active = False
    gone.copy_search_columns()
    db_session.flush()

    native = native_results(client, *ORIGIN, radius, unit)
    pages = all_pages(
        fhir_get,
        f"Location?near={ORIGIN[0]}|{ORIGIN[1]}|{radius}|{unit}"
        f"&_count=2&_revinclude=PractitionerRole:location",
    )
    found = matches(pages)
    assert [e["resource"]["id"] for e in found] == [str(r["location"]["id"]) for r in native]
    assert [e["search"]["extension"][0]["valueDistance"]["value"] for e in found] == [
        r["distance"] for r in native
    ]
    assert {e["search"]["extension"][0]["valueDistance"]["unit"] for e in found} <= {unit}
    # The included roles say whose each location is: the native providers, in order.
    roles = {}
    for page in pages:
        for e in page["entry"]:
            if e["search"]["mode"] == "include":
                for ref in e["resource"]["location"]:
                    roles[ref["reference"]] = int(e["resource"]["id"])
    assert [roles[f"Location/{e['resource']['id']}"] for e in found] == [
        r["provider"]["id"] for r in native
    ]
    assert gone.id not in roles.values()
    assert len(native) >= (3 if radius == 10 else 2) and made[0].id in roles.values()


def test_paging_covers_every_result_exactly_once(fhir_get, make_provider):
    made = [
        make_provider(
            (40.7484, -73.9967),
            (40.75, -73.99),
            specialties=("208VP0014X",) if n % 2 else ("207LP2900X",),
        )
        for n in range(7)
    ]
    ids = sorted(str(p.id) for p in made)
    for path, expected in (
        ("Practitioner?_count=3", None),
        (
            "PractitionerRole?_count=2&specialty=http://nucc.org/provider-taxonomy|208VP0014X",
            sorted(str(p.id) for p in made if "208VP0014X" in p.specialties),
        ),
        ("Location?_count=4", None),
        ("Location?near=40.7484|-73.9967|1|mi&_count=2", None),
    ):
        pages = all_pages(fhir_get, path)
        seen = [e["resource"]["id"] for e in matches(pages)]
        assert len(seen) == len(set(seen)), path
        if expected is not None:
            assert seen == expected
        elif path.startswith("Practitioner"):
            assert set(ids) <= set(seen)
        else:
            locations = {str(loc.id) for p in made for loc in p.locations}
            nearest = {str(p.locations[0].id) for p in made}
            assert (locations if "near" not in path else nearest) <= set(seen), path
        assert all("total" not in page for page in pages[1:])
    single = fhir_get(f"PractitionerRole?practitioner=Practitioner/{made[0].id}")
    assert single["total"] == 1
    capped = fhir_get("Practitioner?_count=500")
    assert capped["link"][0]["url"] == "http://localhost/v1/fhir/Practitioner?_count=50"


def test_searches_by_identifier_reference_and_specialty(fhir_get, described, make_provider):
    other = make_provider((40.75, -73.99), specialties=("207LP2900X",))
    for query in (
        f"identifier={NPI}",
        f"identifier=http://hl7.org/fhir/sid/us-npi|{NPI}",
        f"identifier={resources.PHYSICIAN_ID_SYSTEM}|{described.id}",
        f"identifier={resources.PARTNER_RECORD_SYSTEM}test|{described.external_id}",
        f"_id={described.id}",
    ):
        found = fhir_get(f"Practitioner?{query}")
        assert [e["resource"]["id"] for e in found["entry"]] == [str(described.id)], query
        assert found["total"] == 1
    assert fhir_get("Practitioner?identifier=urn:other|1234567893")["total"] == 0
    location_id = described.locations[1].id
    by_location = fhir_get(
        f"PractitionerRole?location=Location/{location_id}"
        "&_include=PractitionerRole:practitioner&_include=PractitionerRole:service"
    )
    assert [(e["resource"]["resourceType"], e["search"]["mode"]) for e in by_location["entry"]] == [
        ("PractitionerRole", "match"),
        ("Practitioner", "include"),
        ("HealthcareService", "include"),
    ]
    both = fhir_get(f"PractitionerRole?_id={described.id},{other.id}&specialty=208VP0014X")
    assert [e["resource"]["id"] for e in both["entry"]] == [str(described.id)]
    either = fhir_get(
        f"PractitionerRole?_id={described.id},{other.id}&specialty=208VP0014X,207LP2900X"
    )
    assert either["total"] == 2
    all_of = fhir_get(
        f"PractitionerRole?_id={described.id},{other.id}&specialty=208VP0014X&specialty=207LP2900X"
    )
    assert [e["resource"]["id"] for e in all_of["entry"]] == [str(described.id)]
    assert fhir_get(f"PractitionerRole?_id={other.id}&specialty=urn:x|207LP2900X")["total"] == 0
    # A classification's code finds its specializations, as the native search does.
    pain_medicine = fhir_get(f"PractitionerRole?_id={described.id},{other.id}&specialty=208VP0000X")
    assert [e["resource"]["id"] for e in pain_medicine["entry"]] == [str(described.id)]
    organizations = fhir_get(
        f"Location?_id={described.locations[0].id}&_include=Location:organization"
    )
    assert [e["resource"]["resourceType"] for e in organizations["entry"]] == [
        "Location",
        "Organization",
    ]


def test_deactivated_physicians_are_not_listed_and_read_as_gone(fhir_get, described, db_session):
    location_id = described.locations[0].id
    described.active = False
    described.copy_search_columns()
    db_session.flush()
    for path in (
        f"Practitioner/{described.id}",
        f"PractitionerRole/{described.id}",
        f"HealthcareService/{described.id}",
        f"Location/{location_id}",
        f"Organization/{location_id}",
    ):
        assert fhir_get(path, status=410)["code"] == "physician_deactivated", path
    for path in (
        f"Practitioner?identifier={NPI}",
        f"Practitioner?_id={described.id}",
        f"PractitionerRole?location={location_id}",
        f"Location?_id={location_id}",
        "Location?near=40.75|-73.99|1|mi",
    ):
        assert fhir_get(path)["total"] == 0, path


@pytest.mark.parametrize(
    "query",
    [
        "Practitioner?name=Ortiz",
        "Practitioner?identifier:exact=1",
        "Location?address-city=X",
        "PractitionerRole?specialty=1&page=2",
        "Location?near=1|2&radius=3",
        "metadata?mode=full",
        "Practitioner/1?_summary=true",
    ],
)
def test_unsupported_search_parameters_are_400_problems(fhir_get, query):
    problem = fhir_get(query, status=400)
    assert problem["code"] == "unsupported_search_parameter"
    assert problem["errors"][0]["in"] == "query" and "_format" in problem["supported"]
    assert problem["errors"][0]["name"] in query and "=" not in problem["errors"][0]["name"]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Location?near=40.7|-73.9|251|mi", "near"),
        ("Location?near=40.7", "near"),
        ("Location?near=91|0|1|mi", "near"),
        ("Location?near=40|-73|1|furlong", "near"),
        ("Location?near=nan|0|1|km", "near"),
        ("Practitioner?_count=0", "_count"),
        ("PractitionerRole?practitioner=Location/1", "practitioner"),
        ("Location?_include=Location:partof", "_include"),
        ("Practitioner?identifier=a|", "identifier"),
    ],
)
def test_bad_values_are_422_problems_naming_the_parameter(fhir_get, query, name):
    problem = fhir_get(query, status=422)
    assert problem["code"] == "validation_failed"
    assert problem["errors"][0]["name"].split(".")[0].split("[")[0] == name


def test_bad_cursors_and_ids_are_problems_or_no_match_never_500(fhir_get, make_provider):
    make_provider((40.75, -73.99))
    for path in (
        "Location?near=40.75|-73.99|5|mi&_cursor=abc",
        "Practitioner?_cursor=abc",
        "Practitioner?_cursor=99999999999999999999",
    ):
        problem = fhir_get(path, status=422)  # the API's invalid_parameter: 422 (service/errors.py)
        assert (problem["code"], problem["errors"][0]["name"]) == ("invalid_parameter", "_cursor")
    first = fhir_get("Location?near=40.75|-73.99|5|mi&_count=1")
    assert first["total"] == 1
    assert fhir_get("Practitioner?_id=abc,99999999999999999999,-1")["total"] == 0
    assert fhir_get("Practitioner/99999999999999999999", status=404)["code"] == "not_found"
    assert fhir_get("Location/0", status=404)["code"] == "not_found"


def test_the_locator_scope_is_required(anonymous_client, issue_key):
    assert anonymous_client.get("/v1/fhir/metadata").status_code == 401
    anonymous_client.environ_base["HTTP_X_API_KEY"] = issue_key("content:read")
    refused = anonymous_client.get("/v1/fhir/Location?near=40|-73")
    assert refused.status_code == 403 and refused.get_json()["code"] == "insufficient_scope"
    anonymous_client.environ_base["HTTP_X_API_KEY"] = issue_key("locator:read")
    assert validate(anonymous_client.get("/v1/fhir/metadata").get_json())


def test_another_fhir_version_is_not_acceptable(client):
    asked = client.get(
        "/v1/fhir/metadata", headers={"Accept": "application/fhir+json; fhirVersion=5.0"}
    )
    assert asked.status_code == 406 and asked.mimetype == PROBLEM
