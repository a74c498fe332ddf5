"""Great-circle distance and radius boxes, including the antimeridian and the poles."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.locator import geo, service, zips
from service.locator.npi import is_valid_npi, npi_check_digit


def test_haversine_matches_a_known_distance():
    # JFK -> LAX: 3,974 km on the mean sphere (the ellipsoidal 3,983 km differs by 0.2 %).
    assert geo.haversine_km(40.6413, -73.7781, 33.9416, -118.4085) == pytest.approx(3974, abs=2)
    assert geo.haversine_km(10, 20, 10, 20) == 0


def test_haversine_across_the_antimeridian_is_short():
    assert geo.haversine_km(52.0, 179.9, 52.0, -179.9) == pytest.approx(13.7, abs=0.1)


def test_units_round_trip():
    assert geo.to_km(25, "mi") == pytest.approx(40.2336)
    assert geo.from_km(geo.to_km(25, "mi"), "mi") == pytest.approx(25)
    assert geo.to_km(25, "km") == 25


def test_box_splits_at_the_antimeridian():
    boxes = geo.bounding_boxes(51.88, -179.9, 50)
    assert len(boxes) == 2
    east, west = sorted(boxes, key=lambda box: -box.min_lon)
    assert east.max_lon == 180 and east.min_lon > 179
    assert west.min_lon == -180 and west.max_lon < -179
    assert east.contains(51.88, 179.8) and west.contains(51.88, -179.5)


def test_box_near_a_pole_spans_every_longitude():
    (box,) = geo.bounding_boxes(89.9, 10.0, 50)
    assert (box.min_lon, box.max_lon, box.max_lat) == (-180, 180, 90)
    assert box.contains(89.95, -170.0)


def test_box_is_one_rectangle_at_mid_latitudes():
    (box,) = geo.bounding_boxes(40.0, -100.0, 40.2336)
    assert box.min_lat < 40 < box.max_lat and box.min_lon < -100 < box.max_lon


@given(
    lat=st.floats(-89.9, 89.9),
    lon=st.floats(-180, 180),
    radius_km=st.floats(0.1, 500),
    bearing=st.floats(0, 2 * math.pi),
    fraction=st.floats(0, 0.999),
)
def test_every_point_within_the_radius_is_in_a_box(lat, lon, radius_km, bearing, fraction):
    # The destination point at `fraction * radius` along `bearing` (spherical formula).
    angular = fraction * radius_km / geo.EARTH_RADIUS_KM
    phi1, lambda1 = math.radians(lat), math.radians(lon)
    phi2 = math.asin(
        math.sin(phi1) * math.cos(angular) + math.cos(phi1) * math.sin(angular) * math.cos(bearing)
    )
    lambda2 = lambda1 + math.atan2(
        math.sin(bearing) * math.sin(angular) * math.cos(phi1),
        math.cos(angular) - math.sin(phi1) * math.sin(phi2),
    )
    point_lat = math.degrees(phi2)
    point_lon = (math.degrees(lambda2) + 180) % 360 - 180
    assert geo.haversine_km(lat, lon, point_lat, point_lon) <= radius_km + 1e-6
    boxes = geo.bounding_boxes(lat, lon, radius_km)
    assert any(box.contains(point_lat, point_lon) for box in boxes)


def test_zip_lookup_covers_states_and_territories():
    assert zips.lookup("10001").state == "NY"
    assert zips.lookup("10001-1234").zip_code == "10001"
    assert zips.lookup("96910").state == "GU"  # Guam
    assert zips.lookup("96950").state == "MP"  # Northern Mariana Islands
    assert zips.lookup("99546").lon < -176  # Adak, in the Aleutians
    assert zips.lookup("00000") is None and zips.lookup("1000") is None


@pytest.mark.parametrize(
    ("npi", "valid"),
    [
        ("1234567893", True),  # the CMS worked example (Luhn over 80840 + NPI)
        ("1234567890", False),
        ("123456789", False),
        ("12345678931", False),
        ("abcdefghij", False),
    ],
)
def test_npi_check_digit(npi, valid):
    assert is_valid_npi(npi) is valid


def test_npi_check_digit_uses_the_80840_prefix():
    # Plain Luhn over the 10 digits would accept 1234567897 instead.
    assert npi_check_digit("123456789") == "3"
    assert not is_valid_npi("1234567897")


# --- every ZIP the dataset lists ----------------------------------------------------------

REFUSALS = {
    zips.MILITARY: "zip_military",
    zips.RETIRED: "zip_retired",
    zips.NOT_LOCATABLE: "zip_not_locatable",
}


def in_us_states_or_territories(lat: float, lon: float) -> bool:
    # American Samoa (-14) to Alaska (71); Maine (-67) west past the antimeridian, and the
    # Pacific territories east of 130° E (Palau, Guam, the Marianas, the Aleutians' far end).
    return -15 < lat < 72 and (lon < -64 or lon > 130)


def test_every_zip_is_an_origin_away_from_0_0_or_a_refusal_with_a_code():
    from service.locator.service import resolve_origin

    records = zips.all_records()
    assert len(records) > 42_000
    refused: dict[str, int] = {}
    for found in records:
        if found.status != "located":
            with pytest.raises(service.ZipProblem) as refusal:
                resolve_origin(zip_code=found.zip_code, lat=None, lon=None)
            problem = refusal.value
            assert problem.status == 422 and problem.code == REFUSALS[found.status], found
            assert found.zip_code in problem.detail and problem.extensions == {
                "zip": found.zip_code
            }
            refused[problem.code] = refused.get(problem.code, 0) + 1
            continue
        origin = resolve_origin(zip_code=found.zip_code, lat=None, lon=None)
        assert (origin.lat, origin.lon) != (0, 0), found
        assert in_us_states_or_territories(origin.lat, origin.lon), found
        assert origin.precision in ("zip_centroid", "city_centroid")
    # Military and retired ZIPs are hundreds each; the unlocatable, a handful of islands.
    assert refused["zip_military"] > 800 and refused["zip_retired"] > 800
    assert 0 < refused["zip_not_locatable"] < 20


def test_the_zips_of_the_issue():
    assert zips.record("10048").status == zips.RETIRED and zips.lookup("10048") is None
    for military in ("09001", "96201", "34001", "09905"):  # APO AE, APO AP, DPO AA, APO "NJ"
        assert zips.record(military).status == zips.MILITARY, military
    livingston = zips.lookup("77352")  # live, listed at 0,0: placed at Livingston's other ZIPs
    assert livingston.precision == zips.CITY_CENTROID
    assert livingston.lat == pytest.approx(30.7, abs=0.3) and livingston.lon == pytest.approx(
        -94.9, abs=0.3
    )
    hicksville = zips.lookup("11805")
    assert hicksville.state == "NY" and hicksville.lat == pytest.approx(40.77, abs=0.1)
    assert zips.record("96917").status == zips.NOT_LOCATABLE  # Inarajan, Guam: no centroid at all
    assert zips.lookup("10001").precision == zips.ZIP_CENTROID
    assert all(c.lat != 0 or c.lon != 0 for c in zips.all_centroids())


@given(
    st.tuples(st.floats(-89.9, 89.9), st.floats(-180, 180)),
    st.floats(0.01, 402.336),  # up to the API's 250 mi
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_no_point_in_a_planar_box_is_nearer_than_the_knn_bound(origin, radius_km, along, across):
    # search.knn_rows proves its pages complete with this bound: it must never overstate.
    lat, lon = origin
    box = geo.planar_box(lat, lon, radius_km)
    boxes = geo.bounding_boxes(lat, lon, radius_km)
    if box is None:  # across the antimeridian or around a pole: rings, not the walk
        assert len(boxes) == 2 or (boxes[0].min_lon, boxes[0].max_lon) == (-180.0, 180.0)
        return
    assert boxes == [box]
    point_lat = box.min_lat + along * (box.max_lat - box.min_lat)
    point_lon = box.min_lon + across * (box.max_lon - box.min_lon)
    planar = math.hypot(point_lat - lat, point_lon - lon)  # PostgreSQL's point <-> point
    bound = geo.lower_bound_km(planar, box, lat, lon)
    assert geo.haversine_km(lat, lon, point_lat, point_lon) >= bound
