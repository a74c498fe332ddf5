"""The locator's SQL: hand-written statements, one text per query shape, built once.

Building SQLAlchemy expressions and compiling them took ~1.7 ms of Python a search, more than
the database took to answer. Values are always parameters; only the shape (which filters are
present, one box or two) changes the text, so the texts are cached.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from service.db import PlannerSettings, statement_engine
from service.locator import geo, specialties
from service.locator.models import LOCATION_POINT_SQL
from service.locator.query import LOCATION_COLUMNS, PROVIDER_COLUMNS, Filters, Keyset, Origin


@dataclass(frozen=True)
class Statement:
    """SQL with its named (pyformat) parameters, run as is: no expression building, no compiling.

    `planner_settings` are what the statement must be planned with (the KNN walk's
    `enable_bitmapscan = off`): set as the connection opens when the statement runs alone,
    or by SET LOCAL in the session's transaction (see `rows`).
    """

    sql: str
    params: dict[str, Any]
    planner_settings: PlannerSettings = ()

    def rows(self, session: Session) -> Sequence[Row[Any]]:
        """The statement's rows, through SQLAlchemy (its error translation and pool invalidation
        apply either way).

        A statement with planner settings, when the session has no transaction yet (a request
        that read nothing before its search), runs alone on an autocommit connection opened
        with those settings (db.statement_engine): one round trip instead of BEGIN, SET LOCAL,
        the statement and COMMIT. A single read-only statement needs no transaction of its
        own, and under READ COMMITTED each statement takes its own snapshot anyway. Once the
        session has a transaction, or is bound to a connection (tests' savepoint sessions), the
        statement joins it, and so sees what the transaction sees.
        """
        bind = session.get_bind()
        if self.planner_settings and isinstance(bind, Engine) and not session.in_transaction():
            engine = statement_engine(bind, self.planner_settings)
            if engine is not None:
                with engine.connect() as connection:
                    return connection.exec_driver_sql(self.sql, self.params).all()
        connection = session.connection()
        for name, value in self.planner_settings:
            connection.exec_driver_sql(f"SET LOCAL {name} = {value}")
        return connection.exec_driver_sql(self.sql, self.params).all()


@dataclass(frozen=True)
class SearchShape:
    """What the text of a search statement depends on; its values are all parameters."""

    specialty: bool
    therapy: bool
    language: bool
    # `IS true` / `IS false`: keywords, not parameters, so the value is part of the shape.
    accepting_new_patients: bool | None
    telehealth: bool | None
    name: bool
    npi: bool
    boxes: int  # geo.bounding_boxes gives 2 across the antimeridian

    @classmethod
    def of(cls, filters: Filters, boxes: list[geo.Box]) -> SearchShape:
        return cls(
            specialty=bool(filters.specialty),
            therapy=bool(filters.therapy),
            language=bool(filters.language),
            accepting_new_patients=filters.accepting_new_patients,
            telehealth=filters.telehealth,
            name=bool(filters.q),
            npi=bool(filters.npi),
            boxes=len(boxes),
        )


# geo.haversine_km term for term, with the same constant. Cursors carry distances computed by
# this expression and the keyset compares them exactly: its float arithmetic must not change.
DISTANCE_KM_SQL = (
    f"2 * {geo.EARTH_RADIUS_KM!r} * asin(least(1.0, sqrt("
    "power(sin(radians(locations.lat - %(origin_lat)s) * 0.5), 2)"
    " + cos(radians(%(origin_lat)s)) * cos(radians(locations.lat))"
    " * power(sin(radians(locations.lon - %(origin_lon)s) * 0.5), 2))))"
)


NAME_SQL = "providers.name ILIKE %(name_pattern)s ESCAPE '\\'"
NPI_SQL = "providers.npi = %(npi)s"


def provider_only_sql(shape: SearchShape) -> list[str]:
    """Conditions on what only providers carry (name, NPI): they need the join."""
    return ([NAME_SQL] if shape.name else []) + ([NPI_SQL] if shape.npi else [])


def facts_sql(shape: SearchShape, table: str) -> list[str]:
    """Conditions on the search facts, which providers and their locations both carry."""
    # Always: the point index holds active locations only, and this is its predicate.
    conditions = [f"{table}.active"]
    if shape.specialty:  # any of the codes
        conditions.append(f"{table}.specialties && %(specialty)s::varchar[]")
    if shape.therapy:  # any of the slugs
        conditions.append(f"{table}.therapies && %(therapy)s::varchar[]")
    if shape.language:
        conditions.append(f"{table}.languages @> ARRAY[%(language)s]::varchar[]")
    # `IS true` / `IS false`: a NULL (not known, e.g. from NPPES) matches neither value.
    for column in ("accepting_new_patients", "telehealth"):
        value = getattr(shape, column)
        if value is not None:
            conditions.append(f"{table}.{column} IS {'true' if value else 'false'}")
    return conditions


def boxes_sql(shape: SearchShape) -> str:
    """`point(lon, lat) <@ box` per box: the form the GiST expression index answers."""
    boxes = " OR ".join(
        f"{LOCATION_POINT_SQL} <@ box(point(%(min_lon_{n})s, %(min_lat_{n})s),"
        f" point(%(max_lon_{n})s, %(max_lat_{n})s))"
        for n in range(shape.boxes)
    )
    return f"({boxes})"


def nearest_locations_sql(shape: SearchShape) -> str:
    """Each matching provider's nearest location in the radius (provider_id, location_id, km)."""
    # Filters on the provider facts copied onto locations (models.SEARCH_COLUMNS).
    conditions = [
        boxes_sql(shape),
        f"{DISTANCE_KM_SQL} <= %(radius_km)s",
        *facts_sql(shape, "locations"),
    ]
    join = ""
    if shape.name or shape.npi:  # names and NPIs live on providers only
        join = "JOIN locator_providers AS providers ON providers.id = locations.provider_id"
        conditions += provider_only_sql(shape)
    return f"""
        SELECT DISTINCT ON (locations.provider_id)
            locations.provider_id, locations.id AS location_id, {DISTANCE_KM_SQL} AS distance_km
        FROM locator_locations AS locations {join}
        WHERE {" AND ".join(conditions)}
        ORDER BY locations.provider_id, distance_km, locations.id"""


# A page row: distance_km, then the provider's columns, then the location's (query.PROVIDER_SLICE).
PAGE_COLUMNS_SQL = ", ".join(
    ["page.distance_km", "providers.id AS provider_id"]
    + [f"providers.{column}" for column in PROVIDER_COLUMNS[1:]]
    + [f"locations.{column} AS location_{column}" for column in LOCATION_COLUMNS]
)


def page_sql(after_cursor: bool) -> str:
    """The `page` CTE: `nearest`'s first rows after the keyset, by (distance, provider id)."""
    keyset = (
        "WHERE (distance_km, provider_id) > (%(after_km)s, %(after_provider_id)s)"
        if after_cursor
        else ""
    )
    return f"""page AS (
            SELECT * FROM nearest {keyset}
            ORDER BY distance_km, provider_id
            LIMIT %(limit)s
        )"""


# There are at most a few hundred shapes (2^5 · 3^2 · 2 boxes · 2): the caches need no bound.
@functools.cache
def search_page_sql(shape: SearchShape, after_cursor: bool) -> str:
    """One page ordered by (distance, provider id), each row with its provider and location."""
    # The page is cut before the joins: they read only its rows, by primary key.
    return f"""
        WITH nearest AS ({nearest_locations_sql(shape)}),
        {page_sql(after_cursor)}
        SELECT {PAGE_COLUMNS_SQL}
        FROM page
        JOIN locator_providers AS providers ON providers.id = page.provider_id
        JOIN locator_locations AS locations ON locations.id = page.location_id
        ORDER BY page.distance_km, page.provider_id"""


# The KNN walk (issue 17): the GiST index hands out locations in planar (lon, lat) distance
# order, so a dense city reads a few dozen candidates where the box held tens of thousands. The
# candidates' exact distances (the same DISTANCE_KM_SQL: `knn AS locations`) then give the page
# as the box query would, provided search.py proves no location left out could be on it: from
# `candidates` (how many the walk took) and `farthest` (the last one's planar distance).
@functools.cache
def knn_page_sql(shape: SearchShape, after_cursor: bool) -> str:
    """One page from the `candidates` planar-nearest matches in the box, with the walk's summary:
    one row per page row, or one row of NULLs besides (candidates, farthest) for an empty page."""
    if shape.name or shape.npi or shape.boxes != 1:
        raise ValueError("the KNN walk takes one box and location facts only")
    origin = "point(%(origin_lon)s, %(origin_lat)s)"
    conditions = " AND ".join([boxes_sql(shape), *facts_sql(shape, "locations")])
    return f"""
        WITH knn AS (
            SELECT locations.id, locations.provider_id, locations.lat, locations.lon,
                   {LOCATION_POINT_SQL} <-> {origin} AS planar
            FROM locator_locations AS locations
            WHERE {conditions}
            ORDER BY {LOCATION_POINT_SQL} <-> {origin}
            LIMIT %(candidates)s
        ),
        nearest AS (
            SELECT DISTINCT ON (locations.provider_id)
                locations.provider_id, locations.id AS location_id,
                {DISTANCE_KM_SQL} AS distance_km
            FROM knn AS locations
            WHERE {DISTANCE_KM_SQL} <= %(radius_km)s
            ORDER BY locations.provider_id, distance_km, locations.id
        ),
        {page_sql(after_cursor)}
        SELECT {PAGE_COLUMNS_SQL}, summary.candidates, summary.farthest
        FROM (SELECT count(*) AS candidates, max(planar) AS farthest FROM knn) AS summary
        LEFT JOIN (page
            JOIN locator_providers AS providers ON providers.id = page.provider_id
            JOIN locator_locations AS locations ON locations.id = page.location_id) ON true
        ORDER BY page.distance_km, page.provider_id"""


@functools.cache
def nearest_match_sql(shape: SearchShape) -> str:
    """The closest match within the radius: (provider_id, distance_km), or no row."""
    return f"""
        SELECT provider_id, distance_km FROM ({nearest_locations_sql(shape)}) AS nearest
        ORDER BY distance_km, provider_id LIMIT 1"""


@functools.cache
def any_match_sql(shape: SearchShape) -> str:
    """Whether any provider anywhere matches the filters: one table, stops at the first match."""
    conditions = facts_sql(shape, "providers") + provider_only_sql(shape)
    return f"""
        SELECT EXISTS (
            SELECT 1 FROM locator_providers AS providers WHERE {" AND ".join(conditions)}
        )"""


def like_contains_pattern(text: str) -> str:
    """A LIKE pattern for `text` anywhere, with its metacharacters taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def filter_params(filters: Filters) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if filters.specialty:  # a classification's code matches its specializations' too
        params["specialty"] = specialties.expand(filters.specialty)
    if filters.therapy:
        params["therapy"] = list(filters.therapy)
    if filters.language:
        params["language"] = filters.language
    if filters.q:
        params["name_pattern"] = like_contains_pattern(filters.q)
    if filters.npi:
        params["npi"] = filters.npi
    return params


def nearest_locations_params(
    origin: Origin, radius_km: float, filters: Filters, boxes: list[geo.Box]
) -> dict[str, Any]:
    params = filter_params(filters) | {
        "origin_lat": origin.lat,
        "origin_lon": origin.lon,
        "radius_km": radius_km,
    }
    for n, box in enumerate(boxes):
        params |= {
            f"min_lon_{n}": box.min_lon,
            f"min_lat_{n}": box.min_lat,
            f"max_lon_{n}": box.max_lon,
            f"max_lat_{n}": box.max_lat,
        }
    return params


def search_page_statement(
    origin: Origin, radius_km: float, filters: Filters, after: Keyset | None, limit: int
) -> Statement:
    """One page ordered by (distance, provider id); `after` is the last row of the previous page."""
    boxes = geo.bounding_boxes(origin.lat, origin.lon, radius_km)
    params = nearest_locations_params(origin, radius_km, filters, boxes) | {"limit": limit}
    if after is not None:
        params["after_km"], params["after_provider_id"] = after
    return Statement(search_page_sql(SearchShape.of(filters, boxes), after is not None), params)


# PostgreSQL estimates any `<@ box` at 0.1 % of the rows, so it would rather read the whole box
# through a bitmap and sort it than walk the index in distance order (in a dense city ~20,000
# locations read instead of ~60): the walk is planned with bitmap scans off.
KNN_PLANNER_SETTINGS = (("enable_bitmapscan", "off"),)


def knn_page_statement(  # noqa: PLR0917 - search_page_statement's, and the walk's size
    origin: Origin,
    radius_km: float,
    box: geo.Box,
    filters: Filters,
    after: Keyset | None,
    limit: int,
    candidates: int,
) -> Statement:
    """search_page_statement's page from a KNN walk of `candidates` locations in `box`
    (geo.planar_box's: name and NPI filters are not in its shape, search.py keeps those on rings)."""
    params = nearest_locations_params(origin, radius_km, filters, [box]) | {
        "limit": limit,
        "candidates": candidates,
    }
    if after is not None:
        params["after_km"], params["after_provider_id"] = after
    return Statement(
        knn_page_sql(SearchShape.of(filters, [box]), after is not None),
        params,
        KNN_PLANNER_SETTINGS,
    )


def nearest_match_statement(origin: Origin, radius_km: float, filters: Filters) -> Statement:
    """The closest match within the radius and its distance (no row when there is none)."""
    boxes = geo.bounding_boxes(origin.lat, origin.lon, radius_km)
    return Statement(
        nearest_match_sql(SearchShape.of(filters, boxes)),
        nearest_locations_params(origin, radius_km, filters, boxes),
    )


def any_match_statement(filters: Filters) -> Statement:
    """Whether any provider anywhere matches the filters (no place, so no boxes)."""
    return Statement(any_match_sql(SearchShape.of(filters, boxes=[])), filter_params(filters))


def explain(session: Session, statement: Statement, *, analyze: bool = False) -> list[str]:
    """EXPLAIN (optionally ANALYZE) a statement with its parameters (tests and the benchmark)."""
    options = "(ANALYZE, BUFFERS)" if analyze else ""
    explained = Statement(
        f"EXPLAIN {options} {statement.sql}", statement.params, statement.planner_settings
    )
    return [row[0] for row in explained.rows(session)]
