"""The benchmark's raw-SQL anchor proves its pages complete with a distance bound: it must hold."""

import math

from hypothesis import given
from hypothesis import strategies as st

from bench import raw_locator
from service.locator import geo

origins = st.tuples(st.floats(-80, 80), st.floats(-170, 170))
radii_km = st.floats(0.5, 402.336)  # up to the API's 250 mi
fractions = st.floats(0, 1)


@given(origins, radii_km, fractions, fractions)
def test_no_point_in_the_box_is_nearer_than_the_bound(origin, radius_km, along_lat, along_lon):
    lat, lon = origin
    try:
        bounds = raw_locator.box(lat, lon, radius_km)
    except ValueError:  # reaches a pole or the antimeridian: the anchor refuses those
        return
    min_lat, min_lon, max_lat, max_lon = bounds
    point_lat = min_lat + along_lat * (max_lat - min_lat)
    point_lon = min_lon + along_lon * (max_lon - min_lon)
    planar = math.hypot(point_lat - lat, point_lon - lon)  # PostgreSQL's point <-> point
    bound = raw_locator.lower_bound_km(planar, bounds, lat, lon)
    assert geo.haversine_km(lat, lon, point_lat, point_lon) >= bound


@given(origins, radii_km)
def test_the_box_is_the_api_s(origin, radius_km):
    lat, lon = origin
    boxes = geo.bounding_boxes(lat, lon, radius_km)
    try:
        bounds = raw_locator.box(lat, lon, radius_km)
    except ValueError:
        assert len(boxes) == 2 or boxes[0].min_lon == -180.0
        return
    (api,) = boxes
    assert bounds == (api.min_lat, api.min_lon, api.max_lat, api.max_lon)
