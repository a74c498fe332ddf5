from typing import Literal

SearchFhirPractitionerRolesFormat = Literal["application/fhir+json", "application/json", "json"]

SEARCH_FHIR_PRACTITIONER_ROLES_FORMAT_VALUES: set[SearchFhirPractitionerRolesFormat] = {
    "application/fhir+json",
    "application/json",
    "json",
}


def check_search_fhir_practitioner_roles_format(value: str) -> SearchFhirPractitionerRolesFormat:
    if value in SEARCH_FHIR_PRACTITIONER_ROLES_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SEARCH_FHIR_PRACTITIONER_ROLES_FORMAT_VALUES!r}")
