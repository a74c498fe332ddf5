from typing import Literal

GetFhirPractitionerRoleFormat = Literal["application/fhir+json", "application/json", "json"]

GET_FHIR_PRACTITIONER_ROLE_FORMAT_VALUES: set[GetFhirPractitionerRoleFormat] = {
    "application/fhir+json",
    "application/json",
    "json",
}


def check_get_fhir_practitioner_role_format(value: str) -> GetFhirPractitionerRoleFormat:
    if value in GET_FHIR_PRACTITIONER_ROLE_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_FHIR_PRACTITIONER_ROLE_FORMAT_VALUES!r}")
