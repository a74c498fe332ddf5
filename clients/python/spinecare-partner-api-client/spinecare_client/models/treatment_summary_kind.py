from typing import Literal

TreatmentSummaryKind = Literal["device", "drug", "procedure", "therapy"]

TREATMENT_SUMMARY_KIND_VALUES: set[TreatmentSummaryKind] = {
    "device",
    "drug",
    "procedure",
    "therapy",
}


def check_treatment_summary_kind(value: str) -> TreatmentSummaryKind:
    if value in TREATMENT_SUMMARY_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TREATMENT_SUMMARY_KIND_VALUES!r}")
