from typing import Literal

SearchFhirPractitionersFormat = Literal["application/fhir+json", "application/json", "json"]

SEARCH_FHIR_PRACTITIONERS_FORMAT_VALUES: set[SearchFhirPractitionersFormat] = {
    "application/fhir+json",
    "application/json",
    "json",
}


def check_search_fhir_practitioners_format(value: str) -> SearchFhirPractitionersFormat:
    if value in SEARCH_FHIR_PRACTITIONERS_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SEARCH_FHIR_PRACTITIONERS_FORMAT_VALUES!r}")
