from typing import Literal

GetFhirCapabilityStatementFormat = Literal["application/fhir+json", "application/json", "json"]

GET_FHIR_CAPABILITY_STATEMENT_FORMAT_VALUES: set[GetFhirCapabilityStatementFormat] = {
    "application/fhir+json",
    "application/json",
    "json",
}


def check_get_fhir_capability_statement_format(value: str) -> GetFhirCapabilityStatementFormat:
    if value in GET_FHIR_CAPABILITY_STATEMENT_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_FHIR_CAPABILITY_STATEMENT_FORMAT_VALUES!r}")
