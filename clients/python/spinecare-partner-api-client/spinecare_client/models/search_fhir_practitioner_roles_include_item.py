from typing import Literal

SearchFhirPractitionerRolesIncludeItem = Literal[
    "PractitionerRole:location", "PractitionerRole:practitioner", "PractitionerRole:service"
]

SEARCH_FHIR_PRACTITIONER_ROLES_INCLUDE_ITEM_VALUES: set[SearchFhirPractitionerRolesIncludeItem] = {
    "PractitionerRole:location",
    "PractitionerRole:practitioner",
    "PractitionerRole:service",
}


def check_search_fhir_practitioner_roles_include_item(value: str) -> SearchFhirPractitionerRolesIncludeItem:
    if value in SEARCH_FHIR_PRACTITIONER_ROLES_INCLUDE_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SEARCH_FHIR_PRACTITIONER_ROLES_INCLUDE_ITEM_VALUES!r}"
    )
