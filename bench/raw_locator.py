"""The locator search as bare SQL: the anchor the API's search is measured against (issue 17).

No ORM, no service code: one psycopg statement that walks the GiST index on point(lon, lat) in
KNN order (`ORDER BY point <-> origin`, inside the radius's box, with the filters), computes the
exact great-circle distance of those candidates, keeps each provider's nearest location, cuts
the page by (distance, provider id) and joins it to its provider and location rows: the page the
API returns for the same search (radius, filters, page size), without cursors or hints.

KNN order is planar distance in degrees, not great-circle distance, so the statement takes more
candidates than the page needs and the caller proves the page complete: every location not
among the candidates is at least `lower_bound_km(last candidate's planar distance)` away. When
that bound is not past the page's last distance (or the radius), the statement runs again with
four times the candidates. Searches whose box crosses the antimeridian or reaches a pole are
refused (`ValueError`): KNN order does not wrap, and the benchmark's origins never need it.

Bitmap scans are off for the anchor's connections (`connect`): PostgreSQL estimates any `<@ box`
at 0.1 % of the rows, so it would rather read the whole box through a bitmap and sort it than
walk the index in distance order, which in a dense city reads ~20,000 locations instead of ~60.
`knn_used` tells from a plan whether the walk happened; the benchmark fails when it did not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import psycopg

EARTH_RADIUS_KM = 6371.0088  # service/locator/geo.py's, so distances agree to the bit
CANDIDATES_PER_ROW = 3
MAX_ATTEMPTS = 6

# The API's distance (service/locator/sql.py DISTANCE_KM_SQL) term for term: the same floats,
# so ties and order compare exactly.
DISTANCE_KM_SQL = (
    f"2 * {EARTH_RADIUS_KM!r} * asin(least(1.0, sqrt("
    "power(sin(radians(knn.lat - %(lat)s) * 0.5), 2)"
    " + cos(radians(%(lat)s)) * cos(radians(knn.lat))"
    " * power(sin(radians(knn.lon - %(lon)s) * 0.5), 2))))"
)
PROVIDER_COLUMNS = (
    "id",
    "source",
    "external_id",
    "npi",
    "name",
    "credentials",
    "gender",
    "languages",
    "accepting_new_patients",
    "telehealth",
    "bio",
    "specialties",
    "therapies",
    "updated_at",
)
LOCATION_COLUMNS = (
    "id",
    "name",
    "address_line1",
    "address_line2",
    "city",
    "state",
    "phone",
    "lat",
    "lon",
    "geo_precision",
    "zip_code",
)


POINT_INDEX = "ix_locator_locations_point"
CONNECT_OPTIONS = "-c enable_bitmapscan=off"


def connect(url: str, **kwargs: Any) -> psycopg.Connection:
    """A connection for the anchor (a SQLAlchemy-style `postgresql+psycopg://` URL is fine)."""
    url = url.replace("postgresql+psycopg://", "postgresql://", 1)
    return psycopg.connect(url, options=CONNECT_OPTIONS, **kwargs)


def knn_used(plan: dict[str, Any]) -> bool:
    """Whether an EXPLAIN (FORMAT JSON) plan walks the point index in distance order."""
    if plan.get("Index Name") == POINT_INDEX and plan.get("Order By"):
        return True
    return any(knn_used(child) for child in plan.get("Plans", ()))


@dataclass(frozen=True)
class RawFilters:
    """The search facts every location carries (specialty codes as given: no NUCC expansion)."""

    specialty: tuple[str, ...] = ()
    therapy: tuple[str, ...] = ()
    language: str | None = None
    accepting_new_patients: bool | None = None
    telehealth: bool | None = None

    def sql(self) -> list[str]:
        conditions = ["locations.active"]  # the partial index's predicate
        if self.specialty:
            conditions.append("locations.specialties && %(specialty)s::varchar[]")
        if self.therapy:
            conditions.append("locations.therapies && %(therapy)s::varchar[]")
        if self.language:
            conditions.append("locations.languages @> ARRAY[%(language)s]::varchar[]")
        for column in ("accepting_new_patients", "telehealth"):
            value = getattr(self, column)
            if value is not None:
                conditions.append(f"locations.{column} IS {'true' if value else 'false'}")
        return conditions

    def params(self) -> dict[str, Any]:
        return {
            "specialty": list(self.specialty),
            "therapy": list(self.therapy),
            "language": self.language,
        }


@dataclass
class RawPage:
    rows: list[dict[str, Any]]  # distance_km, provider {...}, location {...}
    statements: int  # how many times the statement ran (1 unless the candidates fell short)
    candidates: int = field(default=0)


def box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, min_lon, max_lat, max_lon) holding the radius (Matuschek's bounding coordinates)."""
    angular = radius_km / EARTH_RADIUS_KM
    min_lat, max_lat = lat - math.degrees(angular), lat + math.degrees(angular)
    ratio = math.sin(angular) / math.cos(math.radians(lat))
    if min_lat <= -90 or max_lat >= 90 or ratio >= 1:
        raise ValueError("the radius reaches a pole")
    delta_lon = math.degrees(math.asin(ratio))
    if lon - delta_lon < -180 or lon + delta_lon > 180:
        raise ValueError("the radius crosses the antimeridian")
    return min_lat, lon - delta_lon, max_lat, lon + delta_lon


def lower_bound_km(
    planar_degrees: float, bounds: tuple[float, float, float, float], lat: float, lon: float
) -> float:
    """The least great-circle distance from (lat, lon) of any point in `bounds` at least
    `planar_degrees` away in KNN's (lon, lat) plane.

    hav θ = sin²(Δφ/2) + cos φ₀ cos φ sin²(Δλ/2) ≥ c² (sin²(Δφ/2) + sin²(Δλ/2)), with c the least
    cos φ in the box; sin x ≥ x · sin X / X for 0 ≤ x ≤ X, with X the largest half-difference
    the box allows; so sin(θ/2) ≥ c · s · p / 2 for p = √(Δφ² + Δλ²) in radians.
    """
    min_lat, min_lon, max_lat, max_lon = bounds
    least_cos = math.cos(math.radians(max(abs(min_lat), abs(max_lat))))
    widest = math.radians(max(lat - min_lat, max_lat - lat, lon - min_lon, max_lon - lon)) / 2
    sinc = math.sin(widest) / widest if widest else 1.0
    half_chord = least_cos * sinc * math.radians(planar_degrees) / 2
    # A hair less than the bound (relative, and a micrometre absolute, for the underflow of
    # tiny distances): the comparison must never be decided by rounding.
    bound_km = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, half_chord))
    return max(0.0, bound_km * (1 - 1e-9) - 1e-9)


def statement_sql(filters: RawFilters) -> str:
    origin = "point(%(lon)s, %(lat)s)"
    provider_columns = ", ".join(f"providers.{name}" for name in PROVIDER_COLUMNS)
    location_columns = ", ".join(
        f"locations.{name} AS location_{name}" for name in LOCATION_COLUMNS
    )
    in_box = (
        "point(locations.lon, locations.lat)"
        " <@ box(point(%(min_lon)s, %(min_lat)s), point(%(max_lon)s, %(max_lat)s))"
    )
    conditions = " AND ".join([in_box, *filters.sql()])
    # Only constant fragments are joined in: every value is a parameter.
    return f"""
        WITH knn AS (
            SELECT locations.id, locations.provider_id, locations.lat, locations.lon,
                   point(locations.lon, locations.lat) <-> {origin} AS planar
            FROM locator_locations AS locations
            WHERE {conditions}
            ORDER BY point(locations.lon, locations.lat) <-> {origin}
            LIMIT %(candidates)s
        ),
        nearest AS (
            SELECT DISTINCT ON (knn.provider_id)
                knn.provider_id, knn.id AS location_id, {DISTANCE_KM_SQL} AS distance_km
            FROM knn
            WHERE {DISTANCE_KM_SQL} <= %(radius_km)s
            ORDER BY knn.provider_id, distance_km, knn.id
        ),
        page AS (
            SELECT * FROM nearest ORDER BY distance_km, provider_id LIMIT %(limit)s
        )
        SELECT summary.candidates, summary.farthest, page.distance_km,
               {provider_columns}, {location_columns}
        FROM (SELECT count(*) AS candidates, max(planar) AS farthest FROM knn) AS summary
        LEFT JOIN (page
            JOIN locator_providers AS providers ON providers.id = page.provider_id
            JOIN locator_locations AS locations ON locations.id = page.location_id) ON true
        ORDER BY page.distance_km, page.provider_id"""  # noqa: S608


def statement(
    lat: float, lon: float, radius_km: float, filters: RawFilters, limit: int, candidates: int
) -> tuple[str, dict[str, Any]]:
    """The SQL and its parameters for one attempt (the benchmark EXPLAINs this)."""
    min_lat, min_lon, max_lat, max_lon = box(lat, lon, radius_km)
    params = filters.params() | {
        "lat": lat,
        "lon": lon,
        "radius_km": radius_km,
        "limit": limit,
        "candidates": candidates,
        "min_lat": min_lat,
        "min_lon": min_lon,
        "max_lat": max_lat,
        "max_lon": max_lon,
    }
    return statement_sql(filters), params


def search(
    connection,
    lat: float,
    lon: float,
    radius_km: float,
    filters: RawFilters,
    limit: int,
    *,
    execute=None,
) -> RawPage:
    """The first `limit` providers within the radius, nearest first, exactly (a psycopg 3
    connection; `execute(sql, params) -> rows` replaces running the statement, e.g. to time it)."""
    execute = execute or (lambda sql, params: connection.execute(sql, params).fetchall())
    bounds = box(lat, lon, radius_km)
    candidates = max(int(limit * CANDIDATES_PER_ROW), 16)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        sql, params = statement(lat, lon, radius_km, filters, limit, candidates)
        rows = execute(sql, params)
        found, farthest = rows[0][0], rows[0][1]
        page = [row for row in rows if row[2] is not None]
        if found < candidates:
            complete = True  # every location in the box that matches was a candidate
        else:
            unseen_km = lower_bound_km(farthest, bounds, lat, lon)
            complete = unseen_km > radius_km or (len(page) == limit and unseen_km > page[-1][2])
        if complete:
            return RawPage([row_dict(row) for row in page], attempt, found)
        candidates *= 4
    raise RuntimeError(
        f"no complete page after {MAX_ATTEMPTS} statements ({candidates} candidates)"
    )


def row_dict(row) -> dict[str, Any]:
    provider_end = 3 + len(PROVIDER_COLUMNS)
    provider = dict(zip(PROVIDER_COLUMNS, row[3:provider_end], strict=True))
    provider["updated_at"] = provider["updated_at"].isoformat()
    location = dict(zip(LOCATION_COLUMNS, row[provider_end:], strict=True))
    return {"distance_km": row[2], "provider": provider, "location": location}
