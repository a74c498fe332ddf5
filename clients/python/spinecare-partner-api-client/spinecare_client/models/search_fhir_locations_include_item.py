from typing import Literal

SearchFhirLocationsIncludeItem = Literal["Location:organization"]

SEARCH_FHIR_LOCATIONS_INCLUDE_ITEM_VALUES: set[SearchFhirLocationsIncludeItem] = {
    "Location:organization",
}


def check_search_fhir_locations_include_item(value: str) -> SearchFhirLocationsIncludeItem:
    if value in SEARCH_FHIR_LOCATIONS_INCLUDE_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SEARCH_FHIR_LOCATIONS_INCLUDE_ITEM_VALUES!r}")
