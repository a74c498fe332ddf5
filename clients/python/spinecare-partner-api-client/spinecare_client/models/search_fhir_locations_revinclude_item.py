from typing import Literal

SearchFhirLocationsRevincludeItem = Literal["PractitionerRole:location"]

SEARCH_FHIR_LOCATIONS_REVINCLUDE_ITEM_VALUES: set[SearchFhirLocationsRevincludeItem] = {
    "PractitionerRole:location",
}


def check_search_fhir_locations_revinclude_item(value: str) -> SearchFhirLocationsRevincludeItem:
    if value in SEARCH_FHIR_LOCATIONS_REVINCLUDE_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SEARCH_FHIR_LOCATIONS_REVINCLUDE_ITEM_VALUES!r}")
