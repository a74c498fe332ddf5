from typing import Literal

TreatmentKind = Literal["device", "drug", "procedure", "therapy"]

TREATMENT_KIND_VALUES: set[TreatmentKind] = {
    "device",
    "drug",
    "procedure",
    "therapy",
}


def check_treatment_kind(value: str) -> TreatmentKind:
    if value in TREATMENT_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TREATMENT_KIND_VALUES!r}")
