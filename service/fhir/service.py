"""FHIR reads and searches over the locator: the locator's own functions, FHIR-shaped.

`Location?near=` is the locator's radius search (`locator_service.search`): the same providers,
in the same distance order, with the same keyset cursor. Reads go through
`locator_service.get_provider`, so a deactivated physician is a 410 here as in /v1/physicians.
What the locator has no search for (a page of records by id, optionally by specialty) is a
plain primary-key keyset over the models, never a second radius query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from service import inputs
from service.errors import InvalidParameterProblem, NotFoundProblem
from service.fhir import resources
from service.locator import service as locator_service
from service.locator.models import Location, Provider
from service.locator.specialties import expand as with_specializations

CURSOR_PARAMETER = "_cursor"
ID_PATTERN = re.compile(r"[0-9]{1,19}")
NPI_PATTERN = re.compile(r"[0-9]{10}")
NPI_LOOKUP_LIMIT = 50  # the locator's largest page: records of one NPI (one per partner)


@dataclass(frozen=True)
class Near:
    """`near=lat|lon|distance|unit`, parsed: distance in `unit` (`mi` or `km`)."""

    lat: float
    lon: float
    distance: float
    unit: str


@dataclass(frozen=True)
class Paging:
    count: int
    cursor: str | None = None


# --- reads --------------------------------------------------------------------------------


def provider_detail(session: Session, provider_id: int) -> dict[str, Any]:
    """The locator's detail of one physician (404 unknown, 410 deactivated)."""
    return locator_service.get_provider(session=session, provider_id=provider_id)


def location_with_provider(
    session: Session, location_id: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """One practice location and its physician's detail (404 unknown, 410 deactivated)."""
    provider_id = session.scalar(select(Location.provider_id).where(Location.id == location_id))
    if provider_id is None:
        raise NotFoundProblem(f"No Location with id {location_id}.")
    provider = provider_detail(session, provider_id)
    (location,) = (found for found in provider["locations"] if found["id"] == location_id)
    return location, provider


def read_practitioner(*, session: Session, provider_id: int) -> dict[str, Any]:
    return resources.practitioner(provider_detail(session, provider_id))


def read_practitioner_role(*, session: Session, provider_id: int) -> dict[str, Any]:
    return resources.practitioner_role(provider_detail(session, provider_id))


def read_healthcare_service(*, session: Session, provider_id: int) -> dict[str, Any]:
    return resources.healthcare_service(provider_detail(session, provider_id))


def read_location(*, session: Session, location_id: int) -> dict[str, Any]:
    location, provider = location_with_provider(session, location_id)
    return resources.location(location, provider["updated_at"])


def read_organization(*, session: Session, organization_id: int) -> dict[str, Any]:
    location, provider = location_with_provider(session, organization_id)
    found = resources.organization(location, provider["updated_at"])
    if found is None:
        raise NotFoundProblem(
            f"No Organization with id {organization_id}: that location names no practice."
        )
    return found


# --- pages by id --------------------------------------------------------------------------


def after_id(paging: Paging) -> int | None:
    if paging.cursor is None:
        return None
    after = record_id(paging.cursor)
    if after is None:
        raise InvalidParameterProblem(CURSOR_PARAMETER, "not a cursor from this search")
    return after


def record_id(text: str) -> int | None:
    """A FHIR id of ours as the bigint it is; None for any id we cannot have issued."""
    if not ID_PATTERN.fullmatch(text) or int(text) > inputs.BIGINT_MAX:
        return None
    return int(text)


def provider_page(
    session: Session,
    paging: Paging,
    ids: frozenset[int] | None = None,
    specialty_groups: tuple[frozenset[str], ...] = (),
) -> tuple[list[dict[str, Any]], str | None]:
    """Active physicians by id (all, or those in `ids`), each specialty group matching any of
    its codes (a classification's code its specializations too, as in the locator's search);
    the page as `get_provider` details, and the next page's cursor."""
    statement = (
        select(Provider)
        .where(Provider.active)
        .order_by(Provider.id)
        .limit(paging.count + 1)
        .options(selectinload(Provider.locations))
    )
    if ids is not None:
        statement = statement.where(Provider.id.in_(sorted(ids)))
    for group in specialty_groups:
        statement = statement.where(Provider.specialties.overlap(with_specializations(group)))
    after = after_id(paging)
    if after is not None:
        statement = statement.where(Provider.id > after)
    rows = session.scalars(statement).all()
    # Loaded above with their locations: get_provider finds them in the session, no query.
    page = [provider_detail(session, row.id) for row in rows[: paging.count]]
    return page, (str(rows[paging.count - 1].id) if len(rows) > paging.count else None)


def npi_provider_ids(session: Session, npi: str) -> set[int]:
    """Every active record of one NPI: the locator's NPI lookup."""
    if not NPI_PATTERN.fullmatch(npi):
        return set()
    found = locator_service.search(
        session=session, filters=locator_service.Filters(npi=npi), limit=NPI_LOOKUP_LIMIT
    )
    return {result["provider"]["id"] for result in found["results"]}


def identifier_provider_ids(session: Session, system: str | None, value: str) -> set[int]:
    """Physician ids one identifier token names: the NPI, our id, or a partner's record id.

    Without a system, a token matches an NPI or our id; a partner's record id needs its
    system (the index on it starts with the partner).
    """
    found: set[int] = set()
    if system in (None, resources.NPI_SYSTEM):
        found |= npi_provider_ids(session, value)
    our_id = record_id(value)
    if system in (None, resources.PHYSICIAN_ID_SYSTEM) and our_id is not None:
        found.add(our_id)
    if system and system.startswith(resources.PARTNER_RECORD_SYSTEM):
        source = system.removeprefix(resources.PARTNER_RECORD_SYSTEM)
        found |= set(
            session.scalars(
                select(Provider.id).where(Provider.source == source, Provider.external_id == value)
            )
        )
    return found


def intersect(sets: Iterable[set[int] | frozenset[int]]) -> frozenset[int] | None:
    """Repeated parameters must all match (FHIR: AND); None when no parameter was given."""
    result: frozenset[int] | None = None
    for found in sets:
        result = frozenset(found) if result is None else result & found
    return result


# --- searches -----------------------------------------------------------------------------


def search_practitioners(
    *,
    session: Session,
    base_url: str,
    query: list[tuple[str, str]],
    paging: Paging,
    ids: tuple[frozenset[int], ...] = (),
    identifier: tuple[tuple[tuple[str | None, str], ...], ...] = (),
) -> dict[str, Any]:
    """Practitioners by `_id` and `identifier` (all of them when neither is given)."""
    by_identifier = (
        set().union(*(identifier_provider_ids(session, *token) for token in group))
        for group in identifier
    )
    page, next_cursor = provider_page(session, paging, intersect([*ids, *by_identifier]))
    entries = [match(base_url, resources.practitioner(provider)) for provider in page]
    return bundle(base_url, "Practitioner", query, paging, entries, next_cursor)


def search_practitioner_roles(
    *,
    session: Session,
    base_url: str,
    query: list[tuple[str, str]],
    paging: Paging,
    ids: tuple[frozenset[int], ...] = (),
    practitioner: tuple[frozenset[int], ...] = (),
    location: tuple[frozenset[int], ...] = (),
    specialty: tuple[frozenset[str], ...] = (),
    include: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """PractitionerRoles by `_id`, `practitioner`, `location` and NUCC `specialty`."""
    at_locations = (
        set(session.scalars(select(Location.provider_id).where(Location.id.in_(sorted(group)))))
        for group in location
    )
    page, next_cursor = provider_page(
        session, paging, intersect([*ids, *practitioner, *at_locations]), specialty
    )
    entries = [match(base_url, resources.practitioner_role(provider)) for provider in page]
    for provider in page:
        if "PractitionerRole:practitioner" in include:
            entries.append(included(base_url, resources.practitioner(provider)))
        if "PractitionerRole:service" in include:
            entries.append(included(base_url, resources.healthcare_service(provider)))
        if "PractitionerRole:location" in include:
            entries += [
                included(base_url, resources.location(location, provider["updated_at"]))
                for location in provider["locations"]
            ]
    return bundle(base_url, "PractitionerRole", query, paging, entries, next_cursor)


def search_locations(
    *,
    session: Session,
    base_url: str,
    query: list[tuple[str, str]],
    paging: Paging,
    near: Near | None = None,
    ids: tuple[frozenset[int], ...] = (),
    include: frozenset[str] = frozenset(),
    revinclude: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Locations `near` a point (the locator's radius search), or by `_id`, or all by id."""
    wanted = intersect(ids)
    distances: list[dict[str, Any] | None]
    if near is not None:
        rows, next_cursor = near_rows(session, near, paging)
        rows = [row for row in rows if wanted is None or row["location"]["id"] in wanted]
        distances = [resources.distance_extension(row["distance"], near.unit) for row in rows]
    else:
        rows, next_cursor = location_rows(session, paging, wanted)
        distances = [None] * len(rows)
    entries = []
    for row, distance in zip(rows, distances, strict=True):
        entry = match(base_url, resources.location(row["location"], row["provider"]["updated_at"]))
        if distance is not None:
            entry["search"]["extension"] = [distance]
        entries.append(entry)
    if "Location:organization" in include:
        entries += [
            included(base_url, organization)
            for row in rows
            if (
                organization := resources.organization(
                    row["location"], row["provider"]["updated_at"]
                )
            )
        ]
    if "PractitionerRole:location" in revinclude:
        provider_ids = list(dict.fromkeys(row["provider"]["id"] for row in rows))
        page, _ = provider_page(
            session, Paging(count=max(len(provider_ids), 1)), frozenset(provider_ids)
        )
        entries += [included(base_url, resources.practitioner_role(provider)) for provider in page]
    return bundle(base_url, "Location", query, paging, entries, next_cursor)


def near_rows(
    session: Session, near: Near, paging: Paging
) -> tuple[list[dict[str, Any]], str | None]:
    """The locator's radius search from the point: each physician's nearest location."""
    try:
        page = locator_service.search(
            session=session,
            lat=near.lat,
            lon=near.lon,
            radius=near.distance,
            unit=near.unit,
            limit=paging.count,
            cursor=paging.cursor,
        )
    except InvalidParameterProblem as problem:
        if problem.errors and problem.errors[0]["name"] == "cursor":
            raise InvalidParameterProblem(CURSOR_PARAMETER, problem.errors[0]["message"]) from None
        raise
    return page["results"], page["next_cursor"]


def location_rows(
    session: Session, paging: Paging, ids: frozenset[int] | None
) -> tuple[list[dict[str, Any]], str | None]:
    """Active physicians' locations by id, as search-like rows (`provider`, `location`)."""
    statement = (
        select(Location.id, Location.provider_id)
        .where(Location.active)
        .order_by(Location.id)
        .limit(paging.count + 1)
    )
    if ids is not None:
        statement = statement.where(Location.id.in_(sorted(ids)))
    after = after_id(paging)
    if after is not None:
        statement = statement.where(Location.id > after)
    found = session.execute(statement).all()
    page, _ = provider_page(
        session, Paging(count=max(len(found), 1)), frozenset(row.provider_id for row in found)
    )
    providers = {provider["id"]: provider for provider in page}
    rows = []
    for location_id, provider_id in found[: paging.count]:
        provider = providers[provider_id]
        (location,) = (found for found in provider["locations"] if found["id"] == location_id)
        rows.append({"provider": provider, "location": location})
    return rows, (str(found[paging.count - 1].id) if len(found) > paging.count else None)


# --- bundles ------------------------------------------------------------------------------


def match(base_url: str, resource: dict[str, Any]) -> dict[str, Any]:
    return entry(base_url, resource, "match")


def included(base_url: str, resource: dict[str, Any]) -> dict[str, Any]:
    return entry(base_url, resource, "include")


def entry(base_url: str, resource: dict[str, Any], mode: str) -> dict[str, Any]:
    return {
        "fullUrl": f"{base_url}/{resource['resourceType']}/{resource['id']}",
        "resource": resource,
        "search": {"mode": mode},
    }


def bundle(  # noqa: PLR0917 - the Bundle's parts, in their order
    base_url: str,
    resource_type: str,
    query: list[tuple[str, str]],
    paging: Paging,
    entries: list[dict[str, Any]],
    next_cursor: str | None,
) -> dict[str, Any]:
    """A searchset Bundle with `self` and `next` links; `total` when this page is all there is."""
    kept = [(name, value) for name, value in query if name not in (CURSOR_PARAMETER, "_count")]
    kept.append(("_count", str(paging.count)))

    def url(cursor: str | None) -> str:
        parameters = kept + ([(CURSOR_PARAMETER, cursor)] if cursor else [])
        return f"{base_url}/{resource_type}?{urlencode(parameters)}"

    links = [{"relation": "self", "url": url(paging.cursor)}]
    if next_cursor:
        links.append({"relation": "next", "url": url(next_cursor)})
    result: dict[str, Any] = {"resourceType": "Bundle", "type": "searchset"}
    if paging.cursor is None and next_cursor is None:
        # The first page is the last: the count is known without counting.
        result["total"] = sum(1 for found in entries if found["search"]["mode"] == "match")
    result["link"] = links
    result["entry"] = entries
    return result
