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
