"""Great-circle distance and the lat/lon boxes that bound a radius (antimeridian, poles)."""

from __future__ import annotations

import math
from dataclasses import dataclass

# Mean Earth radius (IUGG); the same constant is used in SQL so Python and SQL distances agree.
EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344
UNITS = ("mi", "km")


def to_km(distance: float, unit: str) -> float:
    return distance * KM_PER_MILE if unit == "mi" else distance


def from_km(distance_km: float, unit: str) -> float:
    return distance_km / KM_PER_MILE if unit == "mi" else distance_km


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere; stable for tiny and antipodal distances alike."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = math.radians(lat2 - lat1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Box:
    """A lat/lon rectangle that never crosses the antimeridian (min_lon <= max_lon)."""

    min_lat: float
    min_lon: float
    max_lat: float
    max_lon: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.min_lat <= lat <= self.max_lat and self.min_lon <= lon <= self.max_lon


def bounding_boxes(lat: float, lon: float, radius_km: float) -> list[Box]:
    """Boxes that together contain every point within `radius_km` of (lat, lon).

    After J. P. Matuschek, "Finding points within a distance of a latitude/longitude using
    bounding coordinates": the longitude span widens with latitude; a circle that reaches a
    pole spans every longitude; a span crossing ±180° splits into two boxes.
    """
    angular = radius_km / EARTH_RADIUS_KM
    min_lat = lat - math.degrees(angular)
    max_lat = lat + math.degrees(angular)
    if min_lat <= -90 or max_lat >= 90:
        return [Box(max(min_lat, -90.0), -180.0, min(max_lat, 90.0), 180.0)]
    ratio = math.sin(angular) / math.cos(math.radians(lat))
    if ratio >= 1:
        return [Box(min_lat, -180.0, max_lat, 180.0)]
    delta_lon = math.degrees(math.asin(ratio))
    min_lon, max_lon = lon - delta_lon, lon + delta_lon
    if min_lon < -180:
        return [Box(min_lat, min_lon + 360, max_lat, 180.0), Box(min_lat, -180.0, max_lat, max_lon)]
    if max_lon > 180:
        return [Box(min_lat, min_lon, max_lat, 180.0), Box(min_lat, -180.0, max_lat, max_lon - 360)]
    return [Box(min_lat, min_lon, max_lat, max_lon)]


def planar_box(lat: float, lon: float, radius_km: float) -> Box | None:
    """The radius's one box when KNN order in the (lon, lat) plane can walk it, else None.

    Across the antimeridian (two boxes) or around a pole (every longitude) planar order does not
    follow great-circle distance, and `lower_bound_km` assumes it does: those searches use rings.
    """
    boxes = bounding_boxes(lat, lon, radius_km)
    if len(boxes) != 1 or (boxes[0].min_lon == -180.0 and boxes[0].max_lon == 180.0):
        return None
    return boxes[0]


def lower_bound_km(planar_degrees: float, box: Box, lat: float, lon: float) -> float:
    """The least great-circle distance from (lat, lon) of any point in `box` at least
    `planar_degrees` away in the (lon, lat) plane (PostgreSQL's `point <-> point`).

    hav θ = sin²(Δφ/2) + cos φ₀ cos φ sin²(Δλ/2) ≥ c² (sin²(Δφ/2) + sin²(Δλ/2)), with c the least
    cos φ in the box; sin x ≥ x · sin X / X for 0 ≤ x ≤ X, with X the largest half-difference
    the box allows; so sin(θ/2) ≥ c · s · p / 2 for p = √(Δφ² + Δλ²) in radians.
    (bench/raw_locator.py's bound, which tests/bench proves with hypothesis, on a Box.)
    """
    least_cos = math.cos(math.radians(max(abs(box.min_lat), abs(box.max_lat))))
    widest = (
        math.radians(
            max(lat - box.min_lat, box.max_lat - lat, lon - box.min_lon, box.max_lon - lon)
        )
        / 2
    )
    sinc = math.sin(widest) / widest if widest else 1.0
    half_chord = least_cos * sinc * math.radians(planar_degrees) / 2
    # A hair less than the bound (relative, and a micrometre absolute, for the underflow of
    # tiny distances): a completeness test must never be decided by rounding.
    bound_km = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, half_chord))
    return max(0.0, bound_km * (1 - 1e-9) - 1e-9)
