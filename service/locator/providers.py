"""Physician records as the API shows them, one read, deactivation, and the reference lists."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from service.content import service as content_service
from service.content.models import ContentItem
from service.errors import GoneProblem, NotFoundProblem
from service.locator import geo, zips
from service.locator.models import Location, Provider
from service.locator.query import (
    LOCATION_COLUMNS,
    LOCATION_FIELDS,
    LOCATION_SLICE,
    PROVIDER_COLUMNS,
    PROVIDER_FIELDS,
    PROVIDER_SLICE,
    LocationColumns,
    ProviderColumns,
)
from service.locator.specialties import specialties, tree


class PhysicianDeactivatedProblem(GoneProblem):
    code = "physician_deactivated"


# --- output -------------------------------------------------------------------------------


def specialty_dict(code: str, locale: str = "en") -> dict[str, Any]:
    return specialties(locale)[code]


@functools.cache
def therapy_link(slug: str) -> dict[str, str]:
    """One dict per slug, shared by every page that shows it (serialised, never changed)."""
    return {"slug": slug, "href": f"/v1/treatments/{slug}"}


def provider_dict(provider: Provider | ProviderColumns, locale: str = "en") -> dict[str, Any]:
    """A model or a search row's provider columns, as the API shows a physician."""
    return shown_provider(
        {name: getattr(provider, name) for name in PROVIDER_FIELDS},
        provider.specialties,
        provider.therapies,
        provider.updated_at,
        specialties(locale),
    )


def shown_provider(
    fields: dict[str, Any],
    specialty_codes: list[str],
    therapies: list[str],
    updated_at: dt.datetime,
    table: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """The PROVIDER_FIELDS as stored, with the columns shown transformed (PROVIDER_COLUMNS');
    `table` is the specialties of the response's locale."""
    fields["specialties"] = [table[code] for code in specialty_codes]
    fields["therapies"] = [therapy_link(slug) for slug in therapies]
    fields["href"] = f"/v1/physicians/{fields['id']}"
    fields["updated_at"] = updated_at.isoformat()
    return fields


def location_dict(location: Location | LocationColumns) -> dict[str, Any]:
    return {name: getattr(location, name) for name in LOCATION_FIELDS} | {"zip": location.zip_code}


# Where result_dict finds what it shows transformed in a page row's slices (query.py's column
# lists start with the FIELDS shown as stored, so zipping a slice with them takes those).
_CODES, _THERAPIES, _UPDATED_AT = (
    PROVIDER_COLUMNS.index(name) for name in ("specialties", "therapies", "updated_at")
)
_ZIP = LOCATION_COLUMNS.index("zip_code")


def result_dict(row: Row[Any], unit: str, locale: str = "en") -> dict[str, Any]:
    """A search page row as the API shows it (provider_dict and location_dict of its columns)."""
    return _shown_result(row, unit, specialties(locale))


def result_dicts(rows: Sequence[Row[Any]], unit: str, locale: str) -> list[dict[str, Any]]:
    """result_dict of each row of a page, the locale's specialties looked up once."""
    table = specialties(locale)
    return [_shown_result(row, unit, table) for row in rows]


def _shown_result(row: Row[Any], unit: str, table: dict[str, dict[str, Any]]) -> dict[str, Any]:
    # Read by position, not through named tuples: twenty rows a page made this a tenth of a
    # search's worker CPU.
    provider = row[PROVIDER_SLICE]
    location = row[LOCATION_SLICE]
    shown_location = dict(zip(LOCATION_FIELDS, location, strict=False))
    shown_location["zip"] = location[_ZIP]
    return {
        "distance": round(geo.from_km(row.distance_km, unit), 3),
        "provider": shown_provider(
            dict(zip(PROVIDER_FIELDS, provider, strict=False)),
            provider[_CODES],
            provider[_THERAPIES],
            provider[_UPDATED_AT],
            table,
        ),
        "location": shown_location,
    }


# --- one physician ------------------------------------------------------------------------


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
        "deactivated_at": provider.deactivated_at and provider.deactivated_at.isoformat(),
        "href": f"/v1/physicians/{provider.id}",
    }


# --- reference lists ----------------------------------------------------------------------


def live_therapy_slugs(session: Session) -> set[str]:
    return set(
        session.scalars(
            select(ContentItem.slug).where(
                ContentItem.kind == "treatment", ContentItem.withdrawn_at.is_(None)
            )
        )
    )


def list_therapies(*, session: Session, locale: str) -> list[dict[str, Any]]:
    """The content catalogue's live treatments: their slugs are the `therapy` values."""
    items, _total = content_service.list_items(
        session=session, kind="treatment", locale=locale, page=1, page_size=1000
    )
    return items


def list_specialties(locale: str = "en") -> list[dict[str, Any]]:
    """Every accepted code with its place in NUCC's hierarchy (level, parent, children)."""
    return tree(locale)


def attribution() -> dict[str, Any]:
    return {"data": [zips.ATTRIBUTION]}
