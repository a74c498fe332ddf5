"""The FHIR service without HTTP: names, near = the locator's search (a property), pages."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.fhir import resources, service
from service.locator import service as locator_service
from tests.fhir.conftest import validate

BASE_URL = "http://test/v1/fhir"


@pytest.mark.parametrize(
    ("name", "credentials", "expected"),
    [
        ("Ana Ortiz", None, {"family": "Ortiz", "given": ["Ana"]}),
        ("Dr. Lee", "DO", {"family": "Lee", "prefix": ["Dr."], "suffix": ["DO"]}),
        ("Jo Smith, MD", "MD", {"family": "Smith", "given": ["Jo"], "suffix": ["MD"]}),
        ("(demo)", None, {}),
    ],
)
def test_names_split_as_far_as_they_can(name, credentials, expected):
    assert resources.human_name(name, credentials) == {"use": "official", "text": name, **expected}


def test_degrees_without_a_v2_code_keep_their_text():
    assert resources.qualification("D.O.")["code"]["coding"][0]["code"] == "DO"
    assert resources.qualification("DPT") == {"code": {"text": "DPT"}}


@pytest.fixture
def directory(make_provider):
    """Forty physicians around Manhattan, some sharing a point, some with two locations."""
    made = []
    for n in range(40):
        lat, lon = 40.70 + (n % 7) * 0.03, -74.02 + (n // 7) * 0.04
        points = [(lat, lon)] + ([(lat + 0.05, lon - 0.05)] if n % 3 == 0 else [])
        made.append(make_provider(*points, accepting_new_patients=bool(n % 2)))
    return made


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lat=st.floats(40.6, 41.0),
    lon=st.floats(-74.1, -73.7),
    distance=st.floats(0.1, 30),
    unit=st.sampled_from(["mi", "km"]),
    count=st.integers(1, 9),
)
def test_near_is_the_locator_search_page_by_page(
    db_session, directory, lat, lon, distance, unit, count
):
    near = service.Near(lat, lon, distance, unit)
    fhir_cursor = native_cursor = None
    while True:
        bundle = service.search_locations(
            session=db_session,
            base_url=BASE_URL,
            query=[],
            paging=service.Paging(count, fhir_cursor),
            near=near,
        )
        native = locator_service.search(
            session=db_session,
            lat=lat,
            lon=lon,
            radius=distance,
            unit=unit,
            limit=count,
            cursor=native_cursor,
        )
        assert [e["resource"]["id"] for e in bundle.get("entry", [])] == [
            str(r["location"]["id"]) for r in native["results"]
        ]
        next_link = [link["url"] for link in bundle["link"] if link["relation"] == "next"]
        assert bool(next_link) == bool(native["next_cursor"])
        if not next_link:
            break
        fhir_cursor = native_cursor = native["next_cursor"]
        assert next_link[0].endswith(f"_cursor={fhir_cursor}")


def test_included_roles_are_full_resources_and_validate(db_session, directory):
    bundle = service.search_locations(
        session=db_session,
        base_url=BASE_URL,
        query=[("near", "40.7|-74|2|km")],
        paging=service.Paging(5),
        near=service.Near(40.7, -74.0, 2, "km"),
        revinclude=frozenset({"PractitionerRole:location"}),
        include=frozenset({"Location:organization"}),
    )
    validate(bundle)
    roles = [e["resource"] for e in bundle["entry"] if e["search"]["mode"] == "include"]
    assert roles and all(r["resourceType"] == "PractitionerRole" for r in roles)
    assert bundle["link"][0]["url"] == (f"{BASE_URL}/Location?near=40.7%7C-74%7C2%7Ckm&_count=5")


def test_role_pages_by_specialty_and_acceptance_flag(db_session, make_provider):
    taking = make_provider((40.7, -74.0), specialties=("207LP2900X",))
    make_provider((40.7, -74.0), specialties=("208VP0014X",))
    bundle = service.search_practitioner_roles(
        session=db_session,
        base_url=BASE_URL,
        query=[],
        paging=service.Paging(10),
        ids=(frozenset({taking.id, taking.id + 1}),),
        specialty=(frozenset({"207LP2900X"}),),
    )
    (entry,) = bundle["entry"]
    extension = entry["resource"]["extension"][0]["extension"][0]
    assert extension["valueCodeableConcept"]["coding"][0]["code"] == "newpt"
    assert bundle["total"] == 1
