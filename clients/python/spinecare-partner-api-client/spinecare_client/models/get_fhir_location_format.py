from typing import Literal

GetFhirLocationFormat = Literal["application/fhir+json", "application/json", "json"]

GET_FHIR_LOCATION_FORMAT_VALUES: set[GetFhirLocationFormat] = {
    "application/fhir+json",
    "application/json",
    "json",
}


def check_get_fhir_location_format(value: str) -> GetFhirLocationFormat:
    if value in GET_FHIR_LOCATION_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_FHIR_LOCATION_FORMAT_VALUES!r}")
