"""Radius search: exact order, keyset pages over ties, filters, antimeridian, poles, index use."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from service.errors import InvalidParameterProblem
from service.locator import geo, service, sql, zips
from service.locator.service import Filters, Origin, UnknownValueProblem

NYC = zips.lookup("10001")


def search(db_session, **kwargs):
    return service.search(session=db_session, **kwargs)


def walk(db_session, limit, **kwargs):
    """Every page of a search, following next_cursor."""
    pages, cursor = [], None
    while True:
        page = search(db_session, limit=limit, cursor=cursor, **kwargs)
        pages.append(page)
        cursor = page["next_cursor"]
        if cursor is None:
            return pages


def test_results_are_sorted_by_exact_distance_with_the_nearest_location(db_session, make_provider):
    far = make_provider((40.80, -73.95))
    near = make_provider((40.75, -73.99), (41.5, -74.5))  # its second location is outside 25 mi
    outside = make_provider((42.5, -75.0))
    page = search(db_session, zip_code="10001")
    ids = [result["provider"]["id"] for result in page["results"]]
    assert ids == [near.id, far.id] and outside.id not in ids
    first = page["results"][0]
    assert first["location"]["lat"] == 40.75
    expected = geo.from_km(geo.haversine_km(NYC.lat, NYC.lon, 40.75, -73.99), "mi")
    assert first["distance"] == pytest.approx(expected, abs=0.001)
    assert page["metadata"]["origin"] == {
        "method": "zip",
        "zip": "10001",
        "city": "New York",
        "state": "NY",
        "lat": NYC.lat,
        "lon": NYC.lon,
        "precision": "zip_centroid",
    }
    assert (page["metadata"]["radius"], page["metadata"]["unit"]) == (25.0, "mi")
    assert page["metadata"]["nearest_outside_radius"] is None


def test_kilometres_are_reported_in_kilometres(db_session, make_provider):
    make_provider((40.80, -73.95))
    page = search(db_session, lat=NYC.lat, lon=NYC.lon, radius=40, unit="km")
    distance_km = geo.haversine_km(NYC.lat, NYC.lon, 40.80, -73.95)
    assert page["results"][0]["distance"] == pytest.approx(distance_km, abs=0.001)
    assert page["metadata"]["origin"]["method"] == "coordinates"


def test_pages_never_repeat_or_skip_when_many_providers_share_a_zip_centroid(
    db_session, make_provider
):
    tied = [make_provider((NYC.lat, NYC.lon), geo_precision="zip_centroid") for _ in range(23)]
    others = [make_provider((NYC.lat + i / 100, NYC.lon)) for i in range(1, 6)]
    pages = walk(db_session, limit=4, zip_code="10001")
    seen = [result["provider"]["id"] for page in pages for result in page["results"]]
    assert len(seen) == len(set(seen)) == 28
    assert seen[:23] == sorted(p.id for p in tied)  # ties broken by id
    assert seen[23:] == [p.id for p in others]
    assert len(pages) == 7 and all(page["metadata"]["count"] <= 4 for page in pages)


def test_a_cursor_reused_with_other_filters_is_rejected(db_session, make_provider):
    for _ in range(3):
        make_provider((NYC.lat, NYC.lon))
    cursor = search(db_session, zip_code="10001", limit=1)["next_cursor"]
    assert search(db_session, zip_code="10001", limit=2, cursor=cursor)[
        "results"
    ]  # limit may change
    with pytest.raises(InvalidParameterProblem) as rejected:
        search(
            db_session, zip_code="10001", limit=1, cursor=cursor, filters=Filters(telehealth=True)
        )
    assert rejected.value.errors[0]["name"] == "cursor"
    with pytest.raises(InvalidParameterProblem):
        search(db_session, zip_code="10002", limit=1, cursor=cursor)
    with pytest.raises(InvalidParameterProblem):
        search(db_session, zip_code="10001", cursor="not-a-cursor")


def test_antimeridian_finds_both_sides(db_session, make_provider):
    east = make_provider((51.90, 179.95))  # just west of the line, in the eastern hemisphere
    west = make_provider((51.88, -179.70))
    page = search(db_session, lat=51.88, lon=-179.98, radius=30)
    ids = [result["provider"]["id"] for result in page["results"]]
    assert ids == [east.id, west.id]
    assert page["results"][0]["distance"] < 4  # miles, across the line


def test_aleutians_and_guam_zips(db_session, make_provider):
    adak = zips.lookup("99546")
    guam = zips.lookup("96910")
    in_adak = make_provider((adak.lat, adak.lon), geo_precision="zip_centroid")
    in_guam = make_provider((guam.lat + 0.05, guam.lon + 0.05))
    assert [r["provider"]["id"] for r in search(db_session, zip_code="99546")["results"]] == [
        in_adak.id
    ]
    assert [r["provider"]["id"] for r in search(db_session, zip_code="96910")["results"]] == [
        in_guam.id
    ]


def test_far_north_box_spans_every_longitude(db_session, make_provider):
    across_the_pole = make_provider((89.95, 170.0))
    page = search(db_session, lat=89.9, lon=-10.0, radius=20)
    assert [r["provider"]["id"] for r in page["results"]] == [across_the_pole.id]


def test_nearest_outside_radius_when_nothing_is_in_range(db_session, make_provider):
    make_provider((NYC.lat + 1.0, NYC.lon))  # ~69 mi north
    page = search(db_session, zip_code="10001", radius=10)
    assert page["results"] == [] and page["next_cursor"] is None
    assert page["metadata"]["nearest_outside_radius"] == pytest.approx(69.1, abs=0.2)
    nothing = search(db_session, zip_code="10001", radius=10, filters=Filters(q="nobody-such"))
    assert nothing["metadata"]["nearest_outside_radius"] is None


def test_nearest_outside_radius_honours_every_filter_and_reaches_across_the_country(
    db_session, make_provider
):
    make_provider((NYC.lat + 1.0, NYC.lon), name="Dr. Near Hudson")  # ~69 mi
    la = zips.lookup("90012")
    make_provider((la.lat, la.lon), name="Dr. Far Pacific", languages=("en", "es"))  # ~2,450 mi
    by_name = search(db_session, zip_code="10001", radius=10, filters=Filters(q="far pacific"))
    by_language = search(db_session, zip_code="10001", radius=10, filters=Filters(language="es"))
    assert by_name["metadata"]["nearest_outside_radius"] == pytest.approx(2450, abs=15)
    assert by_language["metadata"]["nearest_outside_radius"] == pytest.approx(2450, abs=15)
    # Filters that nothing matches anywhere: no distance, whatever the filter.
    for filters in (Filters(q="pacific", language="fr"), Filters(therapy=("acupuncture",))):
        page = search(db_session, zip_code="10001", radius=10, filters=filters)
        assert page["metadata"]["nearest_outside_radius"] is None, filters


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(specialty=("207T00000X",)), {"neuro"}),
        (Filters(specialty=("207T00000X", "207LP2900X")), {"neuro", "anesthesia"}),
        (Filters(therapy=("spinal-cord-stimulation",)), {"anesthesia"}),
        (Filters(therapy=("spinal-cord-stimulation", "acupuncture")), {"anesthesia", "neuro"}),
        (Filters(language="es"), {"neuro"}),
        (Filters(accepting_new_patients=False), {"anesthesia"}),
        (Filters(telehealth=True), {"neuro"}),
        (Filters(q="ZZ_top"), set()),
        (Filters(q="zz%top"), {"anesthesia"}),  # wildcards are literal
        (Filters(q="r._"), set()),  # `_` too: "r. " is in both names
        (Filters(q="\\"), set()),  # and the escape character
        (Filters(q="walker"), {"neuro"}),
        (Filters(specialty=("207T00000X",), telehealth=False), set()),
    ],
)
def test_filters(db_session, make_provider, filters, expected):
    providers = {
        "neuro": make_provider(
            (NYC.lat, NYC.lon),
            name="Dr. Jo Walker",
            specialties=("207T00000X",),
            therapies=("acupuncture",),
            languages=("en", "es"),
            telehealth=True,
        ),
        "anesthesia": make_provider(
            (NYC.lat, NYC.lon),
            name="Dr. zz%top",
            specialties=("207LP2900X",),
            therapies=("spinal-cord-stimulation",),
            accepting_new_patients=False,
        ),
    }
    names = {v.id: k for k, v in providers.items()}
    page = search(db_session, zip_code="10001", filters=filters)
    assert {names[r["provider"]["id"]] for r in page["results"]} == expected


def test_unknown_zip_and_therapy_are_named(db_session):
    with pytest.raises(UnknownValueProblem) as unknown_zip:
        search(db_session, zip_code="00000")
    assert unknown_zip.value.errors == [
        {"in": "query", "name": "zip", "message": "not a known US ZIP code"}
    ]
    with pytest.raises(UnknownValueProblem) as unknown_therapy:
        search(db_session, zip_code="10001", filters=Filters(therapy=("laser-magic",)))
    assert unknown_therapy.value.errors[0]["name"] == "therapy"


POINTS = [
    (NYC.lat + dlat / 10, NYC.lon + dlon / 10)
    for dlat in range(-4, 5, 2)
    for dlon in range(-4, 5, 2)
]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    dlat=st.floats(-0.5, 0.5),
    dlon=st.floats(-0.5, 0.5),
    radius=st.floats(1, 60),
    limit=st.integers(1, 10),
)
def test_property_pages_are_sorted_within_radius_and_complete(
    db_session, make_provider, dlat, dlon, radius, limit
):
    if not hasattr(db_session, "_locator_points"):
        db_session._locator_points = {make_provider(p).id: p for p in POINTS for _ in range(2)}
    points = db_session._locator_points
    lat, lon = NYC.lat + dlat, NYC.lon + dlon
    results = [
        r
        for page in walk(db_session, limit, lat=lat, lon=lon, radius=radius)
        for r in page["results"]
    ]
    distances = [r["distance"] for r in results]  # rounded for display; ids break exact ties only
    assert distances == sorted(distances)
    assert all(r["distance"] <= radius + 1e-3 for r in results)
    expected = {
        pid
        for pid, (plat, plon) in points.items()
        if geo.from_km(geo.haversine_km(lat, lon, plat, plon), "mi") <= radius - 1e-6
    }
    found = {r["provider"]["id"] for r in results}
    assert expected <= found and len(found) == len(results)


def test_explain_uses_the_gist_index_on_a_realistic_table(db_session):
    # A bulk load is not an API request: lift the API's statement timeout for this transaction,
    # which a busy machine can otherwise hit in the foreign-key checks of 60,000 rows.
    db_session.execute(text("SET LOCAL statement_timeout = 0"))
    # 60,000 providers spread over the contiguous US, one location each, in this transaction only.
    db_session.execute(
        text("""
        WITH p AS (
            INSERT INTO locator_providers (source, external_id, name, languages, specialties,
                therapies, accepting_new_patients, telehealth, record_hash)
            SELECT 'explain', 'e-' || n, 'Dr. Explain ' || n, '{en}', '{208VP0014X}',
                   '{physical-therapy}', true, false, '-'
            FROM generate_series(1, 60000) AS n
            RETURNING id
        )
        INSERT INTO locator_locations (provider_id, position, lat, lon, geo_precision, specialties,
            therapies, languages, accepting_new_patients, telehealth)
        SELECT id, 0, 25 + (id * 7919 % 2300) / 100.0, -124 + (id * 104729 % 5700) / 100.0,
               'exact',
               '{208VP0014X}', CASE WHEN id % 5 = 0 THEN '{physical-therapy}' ELSE '{tens}' END::varchar[],
               '{en}', true, false
        FROM p
    """)
    )
    db_session.execute(text("ANALYZE locator_locations"))
    db_session.execute(text("ANALYZE locator_providers"))
    statement = sql.search_page_statement(
        Origin(NYC.lat, NYC.lon, "zip", "10001"),
        geo.to_km(25, "mi"),
        Filters(therapy=("physical-therapy",)),
        after=None,
        limit=21,
    )
    plan = "\n".join(sql.explain(db_session, statement))
    assert "ix_locator_locations_point" in plan, plan
    assert "Seq Scan on locator_locations" not in plan, plan
    # The search's KNN walk, with bitmap scans off as search.knn_rows sets them: the index is
    # walked in distance order (an `Order By` on it), not read as a box and sorted.
    db_session.execute(text("SET LOCAL enable_bitmapscan = off"))
    radius_km = geo.to_km(25, "mi")
    box = geo.planar_box(NYC.lat, NYC.lon, radius_km)
    assert box is not None
    knn = sql.knn_page_statement(
        Origin(NYC.lat, NYC.lon, "zip", "10001"),
        radius_km,
        box,
        Filters(therapy=("physical-therapy",)),
        after=(1.5, 7),
        limit=21,
        candidates=63,
    )
    plan = "\n".join(sql.explain(db_session, knn))
    assert "Index Scan using ix_locator_locations_point" in plan, plan
    assert "Order By: (point(lon, lat) <-> " in plan, plan
    assert "Sort Key: (point(" not in plan, plan


def test_zero_results_hint_names_the_nearest_match_and_a_radius_that_reaches_it(
    db_session, make_provider
):
    hudson = make_provider((NYC.lat + 1.0, NYC.lon), name="Dr. Near Hudson")  # ~69 mi north
    page = search(db_session, zip_code="10001", radius=10)
    hint = page["metadata"]["zero_result_hint"]
    assert hint["nearest"]["provider"] == {
        "id": hudson.id,
        "name": "Dr. Near Hudson",
        "href": f"/v1/physicians/{hudson.id}",
    }
    assert hint["nearest"]["distance"] == page["metadata"]["nearest_outside_radius"]
    assert hint["suggested_radius"] == 70.0 and "radius=70" in hint["message"]
    # The suggestion works: searching again with it finds the nearest match.
    again = search(db_session, zip_code="10001", radius=hint["suggested_radius"])
    assert [r["provider"]["id"] for r in again["results"]] == [hudson.id]
    assert again["metadata"]["zero_result_hint"] is None
    in_km = search(db_session, zip_code="10001", radius=10, unit="km")["metadata"]
    assert in_km["zero_result_hint"]["suggested_radius"] == 112.0  # 69.1 mi = 111.2 km


def test_zero_results_hint_past_the_maximum_radius_says_none_within_250_mi(
    db_session, make_provider
):
    la = zips.lookup("90012")
    far = make_provider((la.lat, la.lon), name="Dr. Far Pacific")
    hint = search(db_session, zip_code="10001", radius=250)["metadata"]["zero_result_hint"]
    assert hint["suggested_radius"] is None and hint["nearest"]["provider"]["id"] == far.id
    assert hint["message"].startswith("None within 250 mi") and "2,4" in hint["message"]
    in_km = search(db_session, zip_code="10001", radius=400, unit="km")["metadata"]
    assert in_km["zero_result_hint"]["message"].startswith("None within 402.336 km")
    nothing = search(db_session, zip_code="10001", filters=Filters(q="nobody-such"))["metadata"]
    assert nothing["zero_result_hint"] == {
        "nearest": None,
        "suggested_radius": None,
        "message": "No physician matches these filters anywhere; try fewer filters.",
    }
