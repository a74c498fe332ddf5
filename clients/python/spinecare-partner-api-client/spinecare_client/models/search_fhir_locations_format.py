from typing import Literal

SearchFhirLocationsFormat = Literal["application/fhir+json", "application/json", "json"]

SEARCH_FHIR_LOCATIONS_FORMAT_VALUES: set[SearchFhirLocationsFormat] = {
    "application/fhir+json",
    "application/json",
    "json",
}


def check_search_fhir_locations_format(value: str) -> SearchFhirLocationsFormat:
    if value in SEARCH_FHIR_LOCATIONS_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SEARCH_FHIR_LOCATIONS_FORMAT_VALUES!r}")
