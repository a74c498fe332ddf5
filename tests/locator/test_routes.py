"""Locator endpoints over HTTP: search contract, problems naming the parameter, imports, CLI."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from service.locator import service
from service.locator.models import Provider
from service.locator.schemas import PhysicianSearchPageSchema
from service.partners.models import AuditEvent
from tests.locator.test_imports import CSV_BODY

PROBLEM = "application/problem+json"


def test_search_contract_shape(client, make_provider):
    provider = make_provider(
        (40.75, -73.99),
        specialties=("208VP0014X", "207LP2900X"),
        therapies=("spinal-cord-stimulation",),
    )
    response = client.get(
        "/v1/physicians?zip=10001-0001&specialty=208VP0014X"
        "&therapy=spinal-cord-stimulation&therapy=physical-therapy&limit=5"
    )
    assert response.status_code == 200
    body = response.get_json()
    (result,) = body["results"]
    assert result["provider"]["id"] == provider.id
    assert result["provider"]["href"] == f"/v1/physicians/{provider.id}"
    assert result["provider"]["specialties"][0] == {
        "code": "208VP0014X",
        "grouping": "Allopathic & Osteopathic Physicians",
        "classification": "Pain Medicine",
        "specialization": "Interventional Pain Medicine",
        "display_name": "Interventional Pain Medicine Physician",
    }
    assert result["provider"]["therapies"] == [
        {"slug": "spinal-cord-stimulation", "href": "/v1/treatments/spinal-cord-stimulation"}
    ]
    assert result["location"]["geo_precision"] == "exact"
    assert body["metadata"]["origin"]["zip"] == "10001"
    assert body["metadata"]["attribution"] == "/v1/locator/attribution"
    assert body["next_cursor"] is None


def test_pagination_over_http_and_cursor_bound_to_filters(client, make_provider):
    for _ in range(5):
        make_provider((40.7484, -73.9967))
    first = client.get("/v1/physicians?lat=40.7484&lon=-73.9967&limit=2").get_json()
    second = client.get(
        f"/v1/physicians?lat=40.7484&lon=-73.9967&limit=2&cursor={first['next_cursor']}"
    )
    ids = [r["provider"]["id"] for r in first["results"] + second.get_json()["results"]]
    assert len(set(ids)) == 4 and ids == sorted(ids)
    reused = client.get(
        f"/v1/physicians?lat=40.7484&lon=-73.9967&limit=2&telehealth=true"
        f"&cursor={first['next_cursor']}"
    )
    assert reused.status_code == 422 and reused.mimetype == PROBLEM
    assert reused.get_json()["errors"][0]["name"] == "cursor"


def as_json(data) -> str:
    """JSON text: tells 25 from 25.0, which == on the parsed values would not."""
    return json.dumps(data, sort_keys=True)


def test_search_pages_are_exactly_what_the_schema_would_dump(client, db_session, make_provider):
    # The view sends service.search's page as is, without a marshmallow dump: it must be one.
    described = make_provider(
        (40.75, -73.99),
        (40.76, -73.98),
        name="Dr. Ana Ortiz",
        specialties=("208VP0014X", "207LP2900X"),
        therapies=("spinal-cord-stimulation", "physical-therapy"),
        languages=("en", "es"),
        telehealth=True,
    )
    described.npi, described.credentials, described.gender = "1234567893", "MD, PhD", "female"
    described.bio = "Interventional pain medicine; sees patients in Spanish."
    address = {
        "name": "Spine Center",
        "address_line1": "1 Main St",
        "address_line2": "Suite 2",
        "state": "NY",
        "zip_code": "10001",
        "phone": "+1 212 555 0100",
    }
    for location, city in zip(described.locations, ("New York", "Manhattan"), strict=True):
        for name, value in (address | {"city": city}).items():
            setattr(location, name, value)
    db_session.flush()
    for point in ((40.7484, -73.9967), (40.80, -73.95)):
        make_provider(
            point,
            name="Dr. Anabel Sparse",
            therapies=("physical-therapy",),
            languages=("es",),
            telehealth=True,
            geo_precision="zip_centroid",
        )
    make_provider((40.75, -73.99), name="Dr. Ana Office", languages=("es",))  # no telehealth
    arguments = {"lat": 40.7484, "lon": -73.9967, "radius": 10.0, "unit": "mi", "limit": 2}
    filters = service.Filters(
        specialty=("207LP2900X", "208VP0014X"),
        therapy=("physical-therapy",),
        language="es",
        telehealth=True,
        q="ANA",
    )
    query = (
        "lat=40.7484&lon=-73.9967&radius=10&limit=2&specialty=208VP0014X&specialty=207LP2900X"
        "&therapy=physical-therapy&language=es&telehealth=true&q=ANA"
    )
    first = service.search(session=db_session, filters=filters, **arguments)
    second = service.search(
        session=db_session, filters=filters, cursor=first["next_cursor"], **arguments
    )
    nothing = service.search(session=db_session, zip_code="10301", radius=1.0, limit=2)
    assert [len(page["results"]) for page in (first, second, nothing)] == [2, 1, 0]
    assert nothing["metadata"]["nearest_outside_radius"] is not None
    for page, path in (
        (first, f"/v1/physicians?{query}"),
        (second, f"/v1/physicians?{query}&cursor={first['next_cursor']}"),
        (nothing, "/v1/physicians?zip=10301&radius=1&limit=2"),
    ):
        assert PhysicianSearchPageSchema().validate(page) == {}  # every field, none unknown
        dumped = PhysicianSearchPageSchema().dump(page)
        assert as_json(dumped) == as_json(page)
        response = client.get(path)
        assert response.status_code == 200 and response.mimetype == "application/json"
        assert as_json(response.get_json()) == as_json(dumped)


def test_search_etag_gives_304_until_the_page_changes(client, make_provider):
    make_provider((40.75, -73.99))
    first = client.get("/v1/physicians?zip=10001")
    etag = first.headers["ETag"]
    again = client.get("/v1/physicians?zip=10001", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["ETag"] == etag and not again.data
    make_provider((40.76, -73.98))
    changed = client.get("/v1/physicians?zip=10001", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert changed.get_json()["metadata"]["count"] == 2


@pytest.mark.parametrize(
    ("query", "status", "parameter"),
    [
        ("zip=00000", 422, "zip"),
        ("zip=1234", 422, "zip"),
        ("lat=91&lon=0", 422, "lat"),
        ("lat=10&lon=-181", 422, "lon"),
        ("lat=10", 422, "lon"),
        ("zip=10001&lat=1&lon=1", 422, "zip"),
        ("zip=10001&radius=251", 422, "radius"),
        ("zip=10001&radius=403&unit=km", 422, "radius"),
        ("zip=10001&unit=furlong", 422, "unit"),
        ("zip=10001&specialty=208VP0014X&specialty=207XX0000X", 422, "specialty"),
        ("zip=10001&therapy=laser-magic", 422, "therapy"),
        ("zip=10001&limit=0", 422, "limit"),
        ("zip=10001&limit=51", 422, "limit"),
        ("zip=10001&cursor=garbage", 422, "cursor"),
    ],
)
def test_bad_inputs_are_problems_naming_the_parameter(client, query, status, parameter):
    response = client.get(f"/v1/physicians?{query}")
    assert response.status_code == status, response.get_json()
    assert response.mimetype == PROBLEM
    assert parameter in [error["name"] for error in response.get_json()["errors"]]


def test_physician_by_id(client, make_provider):
    provider = make_provider((40.75, -73.99), (40.80, -73.95))
    body = client.get(f"/v1/physicians/{provider.id}").get_json()
    assert [location["lat"] for location in body["locations"]] == [40.75, 40.80]
    missing = client.get("/v1/physicians/999999999")
    assert missing.status_code == 404 and missing.mimetype == PROBLEM


def test_reference_lists(client):
    specialties = {s["code"]: s for s in client.get("/v1/specialties").get_json()}
    assert {
        "208VP0014X",
        "208VP0000X",
        "207LP2900X",
        "2081P2900X",
        "207XS0117X",
        "207T00000X",
        "208100000X",
    } <= set(specialties)
    assert specialties["207XS0117X"]["specialization"] == "Orthopaedic Surgery of the Spine"
    assert specialties["208100000X"]["classification"] == "Physical Medicine & Rehabilitation"
    therapies = client.get("/v1/therapies", headers={"Accept-Language": "es"})
    assert therapies.headers["Content-Language"] == "es"
    assert "spinal-cord-stimulation" in {t["slug"] for t in therapies.get_json()}
    attribution = client.get("/v1/locator/attribution").get_json()
    assert attribution["data"][0]["license"] == "CC BY 4.0"
    assert "GeoNames" in attribution["data"][0]["provider"]


def test_import_endpoint_applies_all_and_reports_counts(client, db_session):
    partner = client.get("/v1/partners/me").get_json()["slug"]
    response = client.post(
        "/v1/physicians/import", data=CSV_BODY, content_type="text/csv; charset=utf-8"
    )
    assert response.status_code == 200
    assert response.get_json() == {
        "source": partner,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "deactivated": 0,
        "mode": "merge",
        "errors": [],
    }
    again = client.post("/v1/physicians/import", data=CSV_BODY, content_type="text/csv")
    assert again.get_json()["unchanged"] == 2
    events = db_session.scalars(
        select(AuditEvent).where(AuditEvent.action == "locator.import").order_by(AuditEvent.id)
    ).all()
    assert [(e.outcome, e.details["created"], e.details["unchanged"]) for e in events] == [
        ("success", 2, 0),
        ("success", 0, 2),
    ]
    assert events[0].actor.startswith("key:")


def test_partners_import_into_their_own_namespaces(client, anonymous_client, issue_key):
    client.post("/v1/physicians/import", data=CSV_BODY, content_type="text/csv")
    other = {"X-API-Key": issue_key("locator:write")}
    response = anonymous_client.post(
        "/v1/physicians/import", data=CSV_BODY, content_type="text/csv", headers=other
    )
    assert response.get_json()["created"] == 2, "the same external ids are another partner's"


def test_import_endpoint_rejects_everything_on_one_bad_row(client, db_session):
    body = CSV_BODY + "p-3,,Dr. Bad,MD,,en,true,false,208VP0014X,,,,,,99999,,,\n"
    response = client.post("/v1/physicians/import", data=body, content_type="text/csv")
    assert response.status_code == 422 and response.mimetype == PROBLEM
    body = response.get_json()
    assert body["code"] == "import_rejected"
    assert body["errors"] == [
        {"line": 5, "field": "zip", "message": "Unknown ZIP code; give lat and lon."}
    ]
    assert db_session.scalar(select(func.count()).select_from(Provider)) == 0
    rejected = db_session.scalars(
        select(AuditEvent).where(AuditEvent.action == "locator.import")
    ).all()
    assert [(e.outcome, e.details["errors"]) for e in rejected] == [("failure", 1)]


def test_import_rejects_nul_characters_by_line(client):
    body = CSV_BODY.replace("Dr. Jordan", "Dr. \x00Jordan")
    response = client.post("/v1/physicians/import", data=body, content_type="text/csv")
    assert response.status_code == 422
    assert response.get_json()["errors"][0] == {
        "line": 4,
        "field": None,
        "message": "NUL character.",
    }


def test_import_endpoint_needs_a_known_media_type(client):
    wrong = client.post("/v1/physicians/import", data="{}", content_type="application/json")
    assert wrong.status_code == 415 and wrong.mimetype == PROBLEM
    assert "text/csv" in wrong.get_json()["detail"]


def test_cli_import_and_demo(runner, db_session, tmp_path):
    path = tmp_path / "directory.csv"
    path.write_text(CSV_BODY)
    result = runner.invoke(args=["locator", "import", str(path), "--source", "acme"])
    assert result.exit_code == 0, result.output
    assert "created 2, updated 0, unchanged 0" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text(CSV_BODY.replace("10016", "00000").replace("40.745,-73.978", ","))
    result = runner.invoke(args=["locator", "import", str(bad), "--source", "acme"])
    assert result.exit_code == 1 and "line 3: zip" in result.output
    result = runner.invoke(args=["locator", "demo", "--count", "25"])
    assert result.exit_code == 0 and "created 25" in result.output
    result = runner.invoke(args=["locator", "demo", "--count", "25"])
    assert "unchanged 25" in result.output


def test_contract_with_the_assessment_is_in_the_spec(client):
    spec = client.get("/openapi.json").get_json()
    assert {
        "/v1/physicians",
        "/v1/physicians/{provider_id}",
        "/v1/physicians/import",
        "/v1/specialties",
        "/v1/therapies",
        "/v1/locator/attribution",
    } <= set(spec["paths"])
    operation = spec["paths"]["/v1/physicians"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"] if "name" in p}
    for name in ("specialty", "therapy"):  # repeatable: ?specialty=a&specialty=b
        assert parameters[name]["schema"]["type"] == "array"
        assert parameters[name]["explode"] is True
    # What the assessment hands over are exactly these search parameters.
    locator_filter = spec["components"]["schemas"]["LocatorFilter"]["properties"]
    assert set(locator_filter) == {"specialty", "therapy"}


QUERY_VALUES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["10001", "96910", "99546-1234", "1e400", "nan", "-0", "a\x00", "\n"]),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(-(10**20), 10**20).map(str),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.dictionaries(
        st.sampled_from(
            [
                "zip",
                "lat",
                "lon",
                "radius",
                "unit",
                "specialty",
                "therapy",
                "language",
                "accepting_new_patients",
                "telehealth",
                "q",
                "limit",
                "cursor",
            ]
        ),
        QUERY_VALUES,
        max_size=6,
    )
)
def test_no_query_gives_a_server_error(client, query):
    response = client.get("/v1/physicians", query_string=query)
    assert response.status_code < 500, (query, response.get_json())
    if response.status_code != 200:
        assert response.mimetype == PROBLEM


@pytest.mark.parametrize(
    ("zip_code", "code", "says"),
    [
        ("10048", "zip_retired", "retired ZIP code"),
        ("09001", "zip_military", "APO/FPO/DPO"),
        ("96201-1234", "zip_military", "APO/FPO/DPO"),
        ("96917", "zip_not_locatable", "no location"),
    ],
)
def test_zips_that_are_no_place_are_422_problems_with_their_own_code(client, zip_code, code, says):
    response = client.get(f"/v1/physicians?zip={zip_code}")
    assert response.status_code == 422 and response.mimetype == PROBLEM
    body = response.get_json()
    assert body["code"] == code and body["type"] == f"urn:spinecare:problem:{code}"
    assert body["zip"] == zip_code[:5] and says in body["detail"] and zip_code[:5] in body["detail"]
    assert body["errors"][0]["name"] == "zip"


def test_a_live_zip_without_a_centroid_searches_from_its_city(client, make_provider):
    livingston = make_provider((30.72, -94.93))  # a few miles from Livingston, TX
    body = client.get("/v1/physicians?zip=77352&radius=10").get_json()
    assert [r["provider"]["id"] for r in body["results"]] == [livingston.id]
    origin = body["metadata"]["origin"]
    assert origin["precision"] == "city_centroid" and (origin["lat"], origin["lon"]) != (0, 0)
    assert body["results"][0]["distance"] < 10
