from typing import Literal

TreatmentSummaryFamily = Literal["behavioral", "interventional", "medication", "restorative"]

TREATMENT_SUMMARY_FAMILY_VALUES: set[TreatmentSummaryFamily] = {
    "behavioral",
    "interventional",
    "medication",
    "restorative",
}


def check_treatment_summary_family(value: str) -> TreatmentSummaryFamily:
    if value in TREATMENT_SUMMARY_FAMILY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TREATMENT_SUMMARY_FAMILY_VALUES!r}")
