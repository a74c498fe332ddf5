"""The locator's read side in one namespace: routes, imports and tests call `service.search` etc.

The code lives by what it is:
- query.py: origin, filters, keyset cursors and the provider/location field lists;
- origins.py: where distances are measured from (ZIP, city, coordinates) and why a ZIP is not;
- search.py: radius search, the zero-result hint, the lookup of one NPI;
- providers.py: records as the API shows them, one read, deactivation, reference lists.
"""

from __future__ import annotations

from service.locator.origins import (
    ZIP_PROBLEMS,
    UnknownCityProblem,
    UnknownValueProblem,
    ZipMilitaryProblem,
    ZipNotLocatableProblem,
    ZipProblem,
    ZipRetiredProblem,
    resolve_origin,
    zip_problem,
)
from service.locator.providers import (
    PhysicianDeactivatedProblem,
    attribution,
    deactivate,
    deactivate_provider,
    deactivation_dict,
    get_provider,
    list_specialties,
    list_therapies,
    live_therapy_slugs,
    location_dict,
    provider_dict,
    result_dict,
    specialty_dict,
)
from service.locator.query import (
    CURSOR_VERSION,
    LOCATION_SLICE,
    MAX_CURSOR_DISTANCE_KM,
    MAX_RADIUS_MILES,
    PROVIDER_SLICE,
    Filters,
    Keyset,
    LocationColumns,
    Origin,
    ProviderColumns,
    decode_cursor,
    encode_cursor,
    filters_fingerprint,
)
from service.locator.search import (
    FIRST_RING_KM,
    RING_GROWTH,
    WIDENING_KM,
    check_therapies,
    matches_facts,
    nearest_outside_radius_km,
    npi_lookup,
    search,
    search_rows,
    zero_result_hint,
)

__all__ = [
    "CURSOR_VERSION",
    "FIRST_RING_KM",
    "LOCATION_SLICE",
    "MAX_CURSOR_DISTANCE_KM",
    "MAX_RADIUS_MILES",
    "PROVIDER_SLICE",
    "RING_GROWTH",
    "WIDENING_KM",
    "ZIP_PROBLEMS",
    "Filters",
    "Keyset",
    "LocationColumns",
    "Origin",
    "PhysicianDeactivatedProblem",
    "ProviderColumns",
    "UnknownCityProblem",
    "UnknownValueProblem",
    "ZipMilitaryProblem",
    "ZipNotLocatableProblem",
    "ZipProblem",
    "ZipRetiredProblem",
    "attribution",
    "check_therapies",
    "deactivate",
    "deactivate_provider",
    "deactivation_dict",
    "decode_cursor",
    "encode_cursor",
    "filters_fingerprint",
    "get_provider",
    "list_specialties",
    "list_therapies",
    "live_therapy_slugs",
    "location_dict",
    "matches_facts",
    "nearest_outside_radius_km",
    "npi_lookup",
    "provider_dict",
    "resolve_origin",
    "result_dict",
    "search",
    "search_rows",
    "specialty_dict",
    "zero_result_hint",
    "zip_problem",
]
