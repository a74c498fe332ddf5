from typing import Literal

GetFhirPractitionerFormat = Literal["application/fhir+json", "application/json", "json"]

GET_FHIR_PRACTITIONER_FORMAT_VALUES: set[GetFhirPractitionerFormat] = {
    "application/fhir+json",
    "application/json",
    "json",
}


def check_get_fhir_practitioner_format(value: str) -> GetFhirPractitionerFormat:
    if value in GET_FHIR_PRACTITIONER_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_FHIR_PRACTITIONER_FORMAT_VALUES!r}")
