from typing import Literal

GetFhirOrganizationFormat = Literal["application/fhir+json", "application/json", "json"]

GET_FHIR_ORGANIZATION_FORMAT_VALUES: set[GetFhirOrganizationFormat] = {
    "application/fhir+json",
    "application/json",
    "json",
}


def check_get_fhir_organization_format(value: str) -> GetFhirOrganizationFormat:
    if value in GET_FHIR_ORGANIZATION_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_FHIR_ORGANIZATION_FORMAT_VALUES!r}")
