from typing import Literal

GetFhirHealthcareServiceFormat = Literal["application/fhir+json", "application/json", "json"]

GET_FHIR_HEALTHCARE_SERVICE_FORMAT_VALUES: set[GetFhirHealthcareServiceFormat] = {
    "application/fhir+json",
    "application/json",
    "json",
}


def check_get_fhir_healthcare_service_format(value: str) -> GetFhirHealthcareServiceFormat:
    if value in GET_FHIR_HEALTHCARE_SERVICE_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_FHIR_HEALTHCARE_SERVICE_FORMAT_VALUES!r}")
