"""Physician records as the API shows them, one read, deactivation, and the reference lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from service.content import service as content_service
from service.content.models import ContentItem
from service.errors import GoneProblem, NotFoundProblem
from service.locator import geo, zips
from service.locator.models import Location, Provider
from service.locator.query import (
    LOCATION_FIELDS,
    LOCATION_SLICE,
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


def provider_dict(provider: Provider | ProviderColumns, locale: str = "en") -> dict[str, Any]:
    """A model or a search row's provider columns, as the API shows a physician."""
    return {name: getattr(provider, name) for name in PROVIDER_FIELDS} | {
        "specialties": [specialty_dict(code, locale) for code in provider.specialties],
        "therapies": [
            {"slug": slug, "href": f"/v1/treatments/{slug}"} for slug in provider.therapies
        ],
        "href": f"/v1/physicians/{provider.id}",
        "updated_at": provider.updated_at.isoformat(),
    }


def location_dict(location: Location | LocationColumns) -> dict[str, Any]:
    return {name: getattr(location, name) for name in LOCATION_FIELDS} | {"zip": location.zip_code}


def result_dict(row: Row[Any], unit: str, locale: str = "en") -> dict[str, Any]:
    """A search page row as the API shows it."""
    return {
        "distance": round(geo.from_km(row.distance_km, unit), 3),
        "provider": provider_dict(ProviderColumns._make(row[PROVIDER_SLICE]), locale),
        "location": location_dict(LocationColumns._make(row[LOCATION_SLICE])),
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
