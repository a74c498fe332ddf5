"""Read side of the locator: radius search with keyset pagination, provider details, references."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import math
from collections import namedtuple
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session, selectinload

from service import inputs
from service.content import service as content_service
from service.content.models import ContentItem
from service.errors import GoneProblem, InvalidParameterProblem, NotFoundProblem
from service.locator import geo, zips
from service.locator.models import Location, Provider
from service.locator.specialties import specialties
from service.locator.sql import (
    LOCATION_COLUMNS,
    LOCATION_FIELDS,
    PROVIDER_COLUMNS,
    any_match_statement,
    nearest_match_statement,
    search_page_statement,
)

MAX_RADIUS_MILES = 250.0
# A page is first looked for within a small ring past the cursor, widened until it is full or
# the radius is reached: a dense city then computes a few hundred distances, not tens of thousands.
FIRST_RING_KM = 4.0
RING_GROWTH = 4.0
# Widening steps for `nearest_outside_radius`; the last covers half the globe, i.e. everything.
WIDENING_KM = (800.0, 3200.0, 20_100.0)
CURSOR_VERSION = 1
MAX_CURSOR_DISTANCE_KM = 20_100.0  # no two points on Earth are farther apart


class UnknownValueProblem(InvalidParameterProblem):
    """A well-formed parameter naming something we do not know (a ZIP, a therapy)."""

    status = 422
    code = "unknown_value"


class ZipProblem(UnknownValueProblem):
    """A real ZIP code that is no place to measure distances from; `zip` names it."""

    message: str  # formatted with the ZIP's zip, city and state

    def __init__(self, zip_code: str, message: str):
        super().__init__("zip", message)
        self.extensions = {"zip": zip_code}


class ZipMilitaryProblem(ZipProblem):
    code = "zip_military"
    message = (
        "{zip} is an APO/FPO/DPO military ZIP code: it routes mail to a unit, not to a place, so "
        "there is nothing to measure distances from. Search by the city and state, or the "
        "coordinates, where care is wanted."
    )


class ZipRetiredProblem(ZipProblem):
    code = "zip_retired"
    message = (
        "{zip} ({city}, {state}) is a retired ZIP code, no longer in use; give the address's "
        "current ZIP code, or search by city and state."
    )


class ZipNotLocatableProblem(ZipProblem):
    code = "zip_not_locatable"
    message = (
        "{zip} ({city}, {state}) is a live ZIP code, but the ZIP centroid data has no location "
        "for it or its city; search by coordinates."
    )


ZIP_PROBLEMS: dict[str, type[ZipProblem]] = {
    zips.MILITARY: ZipMilitaryProblem,
    zips.RETIRED: ZipRetiredProblem,
    zips.NOT_LOCATABLE: ZipNotLocatableProblem,
}


def zip_problem(found: zips.ZipRecord) -> ZipProblem:
    """Why a ZIP the dataset lists is not located, as the problem the API answers."""
    problem_class = ZIP_PROBLEMS[found.status]
    message = problem_class.message.format(zip=found.zip_code, city=found.city, state=found.state)
    return problem_class(found.zip_code, message)


class PhysicianDeactivatedProblem(GoneProblem):
    code = "physician_deactivated"


class UnknownCityProblem(UnknownValueProblem):
    code = "unknown_city"


@dataclass(frozen=True)
class Origin:
    lat: float
    lon: float
    method: str  # "zip", "city" or "coordinates"
    zip_code: str | None = None
    # How the point was found: zip_centroid, city_centroid, or exact (coordinates given).
    precision: str = "exact"
    city: str | None = None
    state: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "zip": self.zip_code,
            "city": self.city,
            "state": self.state,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
        }


@dataclass(frozen=True)
class Filters:
    specialty: tuple[str, ...] = ()
    therapy: tuple[str, ...] = ()
    language: str | None = None
    accepting_new_patients: bool | None = None
    telehealth: bool | None = None
    q: str | None = None
    npi: str | None = None

    @classmethod
    def from_arguments(cls, arguments: dict[str, Any]) -> Filters:
        """From parsed query arguments; repeatable values are de-duplicated and sorted."""
        return cls(
            specialty=tuple(sorted(set(arguments.get("specialty", ())))),
            therapy=tuple(sorted(set(arguments.get("therapy", ())))),
            language=arguments.get("language"),
            accepting_new_patients=arguments.get("accepting_new_patients"),
            telehealth=arguments.get("telehealth"),
            q=arguments.get("q"),
            npi=arguments.get("npi"),
        )


def resolve_origin(
    *,
    zip_code: str | None = None,
    city: str | None = None,
    state: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
) -> Origin:
    """Where distances are measured from: a ZIP's centroid, a city's, or the coordinates."""
    if city is not None:
        found = zips.city(city, state or "")
        if found is None:
            raise UnknownCityProblem(
                "city", f"no city named {city!r} in {state} in the ZIP centroid data"
            )
        return Origin(
            found.lat, found.lon, "city", None, zips.CITY_CENTROID, found.city, found.state
        )
    if zip_code is not None:
        found = zips.record(zip_code)
        if found is None:
            raise UnknownValueProblem("zip", "not a known US ZIP code")
        if found.centroid is None:
            raise zip_problem(found)
        centroid = found.centroid
        return Origin(
            centroid.lat,
            centroid.lon,
            "zip",
            centroid.zip_code,
            centroid.precision,
            centroid.city,
            centroid.state,
        )
    return Origin(lat, lon, "coordinates")


def live_therapy_slugs(session: Session) -> set[str]:
    return set(
        session.scalars(
            select(ContentItem.slug).where(
                ContentItem.kind == "treatment", ContentItem.withdrawn_at.is_(None)
            )
        )
    )


def check_therapies(
    session: Session, slugs: tuple[str, ...], known: frozenset[str] | None = None
) -> None:
    if not slugs:
        return
    unknown = sorted(set(slugs) - (known if known is not None else live_therapy_slugs(session)))
    if unknown:
        raise UnknownValueProblem("therapy", f"unknown treatment slug(s): {', '.join(unknown)}")


def search_rows(
    session: Session,
    origin: Origin,
    radius_km: float,
    filters: Filters,
    after: tuple[float, int] | None,
    limit: int,
    execute=None,
) -> list[Row]:
    """The first `limit` rows after the cursor, exactly as one query over the whole radius.

    Exact because each ring query is complete within its ring: when it fills the page, every
    match left out lies farther than the ring, so farther than every row kept.
    """
    execute = execute or (lambda statement: statement.rows(session))
    if filters.q or filters.npi:
        # With the join to providers the planner picks a Gather Merge even for a 4 km ring, and
        # starting a worker costs more than the query (1M providers: p50 2.8 ms vs 0.5 ms).
        # Without the join it plans no parallel workers at any radius, so no round trip then.
        session.connection().exec_driver_sql("SET LOCAL max_parallel_workers_per_gather = 0")
    start_km = after[0] if after else 0.0
    step_km = FIRST_RING_KM
    while True:
        ring_km = min(radius_km, start_km + step_km)
        rows = execute(search_page_statement(origin, ring_km, filters, after, limit))
        if len(rows) == limit or ring_km >= radius_km:
            return rows
        step_km *= RING_GROWTH


# --- cursors ------------------------------------------------------------------------------


def filters_fingerprint(**parameters: Any) -> str:
    canonical = json.dumps(parameters, sort_keys=True, default=list, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def encode_cursor(distance_km: float, provider_id: int, fingerprint: str) -> str:
    payload = json.dumps(
        {"v": CURSOR_VERSION, "d": distance_km, "i": provider_id, "f": fingerprint}
    )
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, fingerprint: str) -> tuple[float, int]:
    # Cursors come back from clients, and anyone can build one: what the search then compares
    # with must be a distance and a provider id PostgreSQL can take (NaN, -Infinity or an id past
    # bigint were 500s).
    try:
        payload = inputs.loads_json(
            base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        )
        distance_km, provider_id = float(payload["d"]), payload["i"]
        version, bound_to = payload["v"], payload["f"]
        if not (0 <= distance_km <= MAX_CURSOR_DISTANCE_KM) or type(provider_id) is not int:
            raise ValueError(payload)
        if not 0 <= provider_id <= inputs.BIGINT_MAX:
            raise ValueError(payload)
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError):
        raise InvalidParameterProblem("cursor", "not a cursor from this API") from None
    if version != CURSOR_VERSION:
        raise InvalidParameterProblem("cursor", "expired cursor format; start again")
    if bound_to != fingerprint:
        raise InvalidParameterProblem(
            "cursor", "belongs to a search with other parameters; start again without it"
        )
    return distance_km, provider_id


# --- output -------------------------------------------------------------------------------


def specialty_dict(code: str, locale: str = "en") -> dict[str, Any]:
    return specialties(locale)[code]


def provider_dict(provider: Provider | ProviderColumns, locale: str = "en") -> dict[str, Any]:
    return {
        "id": provider.id,
        "source": provider.source,
        "external_id": provider.external_id,
        "npi": provider.npi,
        "name": provider.name,
        "credentials": provider.credentials,
        "gender": provider.gender,
        "languages": provider.languages,
        "accepting_new_patients": provider.accepting_new_patients,
        "telehealth": provider.telehealth,
        "bio": provider.bio,
        "specialties": [specialty_dict(code, locale) for code in provider.specialties],
        "therapies": [
            {"slug": slug, "href": f"/v1/treatments/{slug}"} for slug in provider.therapies
        ],
        "href": f"/v1/physicians/{provider.id}",
        "updated_at": provider.updated_at.isoformat(),
    }


def location_dict(location: Location | LocationColumns) -> dict[str, Any]:
    return {name: getattr(location, name) for name in LOCATION_FIELDS} | {"zip": location.zip_code}


ProviderColumns = namedtuple("ProviderColumns", PROVIDER_COLUMNS)
LocationColumns = namedtuple("LocationColumns", LOCATION_COLUMNS)
# A page row: distance_km, then the provider's columns, then the location's.
PROVIDER_SLICE = slice(1, 1 + len(PROVIDER_COLUMNS))
LOCATION_SLICE = slice(PROVIDER_SLICE.stop, PROVIDER_SLICE.stop + len(LOCATION_COLUMNS))


def result_dict(row: Row, unit: str, locale: str = "en") -> dict[str, Any]:
    """A search page row as the API shows it."""
    return {
        "distance": round(geo.from_km(row.distance_km, unit), 3),
        "provider": provider_dict(ProviderColumns._make(row[PROVIDER_SLICE]), locale),
        "location": location_dict(LocationColumns._make(row[LOCATION_SLICE])),
    }


# --- operations ---------------------------------------------------------------------------


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
    hint = {
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
    filters: Filters = Filters(),
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
    fingerprint = filters_fingerprint(
        origin=origin.as_dict(), radius=radius, unit=unit, **asdict(filters)
    )
    after = decode_cursor(cursor, fingerprint) if cursor else None

    rows = search_rows(session, origin, radius_km, filters, after, limit + 1)
    has_more, rows = len(rows) > limit, rows[:limit]
    results = [result_dict(row, unit, locale) for row in rows]
    hint = None
    if not rows and after is None:
        hint = zero_result_hint(session, origin, radius_km, filters, unit)
    last = rows[-1] if rows else None
    return {
        "results": results,
        "next_cursor": (
            encode_cursor(last.distance_km, last.provider_id, fingerprint) if has_more else None
        ),
        "metadata": {
            "origin": origin.as_dict(),
            "radius": radius,
            "unit": unit,
            "count": len(results),
            "nearest_outside_radius": (hint or {}).get("nearest") and hint["nearest"]["distance"],
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
        (not filters.specialty or bool(set(filters.specialty) & set(provider.specialties)))
        and (not filters.therapy or bool(set(filters.therapy) & set(provider.therapies)))
        and (not filters.language or filters.language in provider.languages)
        and filters.accepting_new_patients in (None, provider.accepting_new_patients)
        and filters.telehealth in (None, provider.telehealth)
        and (not filters.q or filters.q.casefold() in provider.name.casefold())
    )


def get_provider(*, session: Session, provider_id: int, locale: str = "en") -> dict[str, Any]:
    provider = session.get(Provider, provider_id)
    if provider is None:
        raise NotFoundProblem(f"No physician with id {provider_id}.")
    if not provider.active:
        raise PhysicianDeactivatedProblem(
            f"Physician {provider_id} was removed from the directory by its partner."
        )
    return provider_dict(provider, locale) | {
        "locations": [location_dict(location) for location in provider.locations]
    }


def deactivate(provider: Provider, now: dt.datetime) -> None:
    """Take a physician out of search (soft delete: the record and its history stay)."""
    provider.active = False
    provider.deactivated_at = provider.updated_at = now
    provider.copy_search_columns()


def deactivate_provider(*, session: Session, provider_id: int, source: str) -> Provider:
    """Deactivate one of `source`'s physicians; another partner's is not found (404)."""
    provider = session.get(Provider, provider_id, with_for_update=True)
    if provider is None or provider.source != source:
        raise NotFoundProblem(f"No physician with id {provider_id} in your directory.")
    if provider.active:
        deactivate(provider, dt.datetime.now(dt.UTC))
        session.flush()
    return provider


def deactivation_dict(provider: Provider) -> dict[str, Any]:
    return {
        "id": provider.id,
        "external_id": provider.external_id,
        "active": provider.active,
        "deactivated_at": provider.deactivated_at.isoformat(),
        "href": f"/v1/physicians/{provider.id}",
    }


def list_therapies(*, session: Session, locale: str) -> list[dict[str, Any]]:
    """The content catalogue's live treatments: their slugs are the `therapy` values."""
    items, _total = content_service.list_items(
        session=session, kind="treatment", locale=locale, page=1, page_size=1000
    )
    return items


def list_specialties(locale: str = "en") -> list[dict[str, Any]]:
    return list(specialties(locale).values())


def attribution() -> dict[str, Any]:
    return {"data": [zips.ATTRIBUTION]}
