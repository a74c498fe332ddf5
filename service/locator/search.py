"""Radius search with keyset pagination, the zero-result hint, and the lookup of one NPI."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session, selectinload

from service.locator import geo, specialties
from service.locator.models import Provider
from service.locator.origins import UnknownValueProblem, resolve_origin
from service.locator.providers import (
    live_therapy_slugs,
    location_dict,
    provider_dict,
    result_dicts,
)
from service.locator.query import (
    MAX_RADIUS_MILES,
    Filters,
    Keyset,
    Origin,
    decode_cursor,
    encode_cursor,
    filters_fingerprint,
)
from service.locator.sql import (
    Statement,
    any_match_statement,
    knn_page_statement,
    nearest_match_statement,
    search_page_statement,
)

# How a search runs a statement: Statement.rows on the session, or a benchmark's timed wrapper.
Execute = Callable[[Statement], Sequence[Row[Any]]]

# A KNN walk first takes this many candidates a row (a provider's other locations, and planar
# order only approximating distance, take some), 4 times more each time it cannot prove its page
# complete; past the last attempt (a deep page in a dense city) rings take over.
CANDIDATES_PER_ROW = 3
MIN_CANDIDATES = 16
CANDIDATE_GROWTH = 4
KNN_ATTEMPTS = 5
# Where there is no KNN walk, a page is first looked for within a small ring past the cursor, widened until it is full or
# the radius is reached: a dense city then computes a few hundred distances, not tens of thousands.
FIRST_RING_KM = 4.0
RING_GROWTH = 4.0
# Widening steps for `nearest_outside_radius`; the last covers half the globe, i.e. everything.
WIDENING_KM = (800.0, 3200.0, 20_100.0)
NO_FILTERS = Filters()


def check_therapies(
    session: Session, slugs: tuple[str, ...], known: frozenset[str] | None = None
) -> None:
    if not slugs:
        return
    unknown = sorted(set(slugs) - (known if known is not None else live_therapy_slugs(session)))
    if unknown:
        raise UnknownValueProblem("therapy", f"unknown treatment slug(s): {', '.join(unknown)}")


def search_rows(  # noqa: PLR0917 - the search's own helper, called in one place
    session: Session,
    origin: Origin,
    radius_km: float,
    filters: Filters,
    after: Keyset | None,
    limit: int,
    execute: Execute | None = None,
) -> Sequence[Row[Any]]:
    """The first `limit` rows after the cursor, exactly as one query over the whole radius.

    A first page by a KNN walk of the point index when it can prove the page complete
    (`knn_rows`), else by rings (`ring_rows`): pages after a cursor, across the antimeridian or
    around a pole, and for name and NPI filters, which live on providers only (the walk reads
    locations alone; a rare name would walk far).
    """
    execute = execute or (lambda statement: statement.rows(session))
    box = geo.planar_box(origin.lat, origin.lon, radius_km)
    # First pages only: a page after a cursor would walk again every location nearer than the
    # cursor (page 10 took 2-3 walks, p95 7 ms at 1M against the rings' 2 ms).
    if box is not None and after is None and not (filters.q or filters.npi):
        rows = knn_rows(origin, radius_km, box, filters, after, limit, execute)
        if rows is not None:
            return rows
    return ring_rows(session, origin, radius_km, filters, after, limit, execute)


def knn_rows(  # noqa: PLR0917 - search_rows' arguments and its box
    origin: Origin,
    radius_km: float,
    box: geo.Box,
    filters: Filters,
    after: Keyset | None,
    limit: int,
    execute: Execute,
) -> Sequence[Row[Any]] | None:
    """The page from the planar-nearest candidates, or None when no walk proved it complete.

    Complete when the walk took every match in the box, or when every location it left out is
    provably (geo.lower_bound_km of the last candidate's planar distance) beyond the radius, or
    beyond a full page's last distance: then no left-out location is on the page, nor nearer
    than a kept row's provider's, so nearest-per-provider and the keyset cut agree with the box.
    """
    # The walk's statements carry their planner settings (sql.KNN_PLANNER_SETTINGS): run alone
    # when the request has no transaction yet, else by SET LOCAL in it (sql.Statement.rows).
    candidates = max(limit * CANDIDATES_PER_ROW, MIN_CANDIDATES)
    for _ in range(KNN_ATTEMPTS):
        rows = execute(
            knn_page_statement(origin, radius_km, box, filters, after, limit, candidates)
        )
        taken, farthest = rows[0].candidates, rows[0].farthest
        page = [row for row in rows if row.distance_km is not None]  # the empty page's NULLs
        if taken < candidates:
            return page
        unseen_km = geo.lower_bound_km(farthest, box, origin.lat, origin.lon)
        if unseen_km > radius_km or (len(page) == limit and unseen_km > page[-1].distance_km):
            return page
        candidates *= CANDIDATE_GROWTH
    return None


def ring_rows(  # noqa: PLR0917 - search_rows' arguments
    session: Session,
    origin: Origin,
    radius_km: float,
    filters: Filters,
    after: Keyset | None,
    limit: int,
    execute: Execute,
) -> Sequence[Row[Any]]:
    """The page by rings past the cursor, widened until it is full or the radius is reached.

    Exact because each ring query is complete within its ring: when it fills the page, every
    match left out lies farther than the ring, so farther than every row kept.
    """
    if filters.q or filters.npi:
        # With the join to providers the planner picks a Gather Merge even for a 4 km ring, and
        # starting a worker costs more than the query (1M providers: p50 2.8 ms vs 0.5 ms).
        # Without the join it plans no parallel workers at any radius, so no round trip then.
        session.connection().exec_driver_sql("SET LOCAL max_parallel_workers_per_gather = 0")
    start_km = after[0] if after else 0.0
    step_km = FIRST_RING_KM
    while True:
        ring_km = min(radius_km, start_km + step_km)
        rows: Sequence[Row[Any]] = execute(
            search_page_statement(origin, ring_km, filters, after, limit)
        )
        if len(rows) == limit or ring_km >= radius_km:
            return rows
        step_km *= RING_GROWTH


# --- the zero-result hint -----------------------------------------------------------------


def nearest_outside_radius_km(
    session: Session, origin: Origin, radius_km: float, filters: Filters
) -> tuple[int, float] | None:
    """The closest match beyond the radius and its distance, widening until one is found."""
    # Widening to the whole globe when nothing matches anywhere computes the distance of every
    # location (a name search at 1M providers ran into the statement timeout): ask first.
    if not any_match_statement(filters).rows(session)[0][0]:
        return None
    for widened_km in (step for step in WIDENING_KM if step > radius_km):
        rows = nearest_match_statement(origin, widened_km, filters).rows(session)
        if rows:
            return rows[0].provider_id, rows[0].distance_km
    return None


def zero_result_hint(
    session: Session, origin: Origin, radius_km: float, filters: Filters, unit: str
) -> dict[str, Any]:
    """What to do when a search finds nothing: the nearest match and a radius that reaches it
    within the maximum, or why there is none."""
    max_radius = round(geo.from_km(geo.to_km(MAX_RADIUS_MILES, "mi"), unit), 3)
    nearest = nearest_outside_radius_km(session, origin, radius_km, filters)
    if nearest is None:
        return {
            "nearest": None,
            "suggested_radius": None,
            "message": "No physician matches these filters anywhere; try fewer filters.",
        }
    provider_id, distance_km = nearest
    distance = round(geo.from_km(distance_km, unit), 3)
    name = session.scalar(select(Provider.name).where(Provider.id == provider_id))
    hint: dict[str, Any] = {
        "nearest": {
            "distance": distance,
            "provider": {"id": provider_id, "name": name, "href": f"/v1/physicians/{provider_id}"},
        },
        "suggested_radius": None,
        "message": f"None within {max_radius:g} {unit} (the largest radius); the nearest match "
        f"is {distance:,.1f} {unit} away.",
    }
    if distance <= max_radius:
        # Whole units, rounded up so the nearest match is inside, never past the maximum.
        hint["suggested_radius"] = float(min(math.ceil(distance), max_radius))
        hint["message"] = (
            f"The nearest match is {distance:,.1f} {unit} away; search again with "
            f"radius={hint['suggested_radius']:g}."
        )
    return hint


# --- operations ---------------------------------------------------------------------------


def search(
    *,
    session: Session,
    zip_code: str | None = None,
    city: str | None = None,
    state: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
    radius: float = 25.0,
    unit: str = "mi",
    filters: Filters = NO_FILTERS,
    limit: int = 20,
    cursor: str | None = None,
    known_therapies: frozenset[str] | None = None,
    locale: str = "en",
) -> dict[str, Any]:
    """Providers with a matching location within the radius, nearest first (exact great circle).

    `known_therapies`, when the caller has them at hand (a cache), saves a query. With an NPI
    and no origin, the NPI's records anywhere (`npi_lookup`).
    """
    check_therapies(session, filters.therapy, known_therapies)
    if filters.npi and zip_code is None and city is None and lat is None:
        return npi_lookup(session, filters, unit, limit, locale)
    origin = resolve_origin(zip_code=zip_code, city=city, state=state, lat=lat, lon=lon)
    radius_km = geo.to_km(radius, unit)
    # vars(), not dataclasses.asdict: the same fields without asdict's deep copy (a search's
    # 1 %); the fingerprint's JSON, so every cursor issued before, is unchanged.
    fingerprint = filters_fingerprint(
        origin=origin.as_dict(), radius=radius, unit=unit, **vars(filters)
    )
    after = decode_cursor(cursor, fingerprint) if cursor else None

    rows = search_rows(session, origin, radius_km, filters, after, limit + 1)
    has_more, rows = len(rows) > limit, rows[:limit]
    results = result_dicts(rows, unit, locale)
    hint = None
    if not rows and after is None:
        hint = zero_result_hint(session, origin, radius_km, filters, unit)
    last = rows[-1] if rows else None
    return {
        "results": results,
        "next_cursor": (
            encode_cursor(last.distance_km, last.provider_id, fingerprint)
            if has_more and last is not None
            else None
        ),
        "metadata": {
            "origin": origin.as_dict(),
            "radius": radius,
            "unit": unit,
            "count": len(results),
            "nearest_outside_radius": (
                hint["nearest"]["distance"] if hint and hint.get("nearest") else None
            ),
            "zero_result_hint": hint,
            "attribution": "/v1/locator/attribution" if origin.method != "coordinates" else None,
        },
    }


def npi_lookup(
    session: Session, filters: Filters, unit: str, limit: int, locale: str
) -> dict[str, Any]:
    """Every record of one NPI (partners list a physician each), with its first location."""
    statement = (
        select(Provider)
        .where(Provider.npi == filters.npi, Provider.active)
        .order_by(Provider.id)
        .limit(limit)
        .options(selectinload(Provider.locations))
    )
    matching = [
        provider
        for provider in session.scalars(statement)
        if provider.locations and matches_facts(provider, filters)
    ]
    results = [
        {
            "distance": None,
            "provider": provider_dict(provider, locale),
            "location": location_dict(provider.locations[0]),
        }
        for provider in matching
    ]
    return {
        "results": results,
        "next_cursor": None,
        "metadata": {
            "origin": None,
            "radius": None,
            "unit": unit,
            "count": len(results),
            "nearest_outside_radius": None,
            "zero_result_hint": None,
            "attribution": None,
        },
    }


def matches_facts(provider: Provider, filters: Filters) -> bool:
    """The search's filters, in Python, for the few records of one NPI."""
    return (
        (
            not filters.specialty
            or bool(set(specialties.expand(filters.specialty)) & set(provider.specialties))
        )
        and (not filters.therapy or bool(set(filters.therapy) & set(provider.therapies)))
        and (not filters.language or filters.language in provider.languages)
        # As the SQL's `IS true` / `IS false`: a provider's None (not known) matches neither.
        and filters.accepting_new_patients in (None, provider.accepting_new_patients)
        and filters.telehealth in (None, provider.telehealth)
        and (not filters.q or filters.q.casefold() in provider.name.casefold())
    )
