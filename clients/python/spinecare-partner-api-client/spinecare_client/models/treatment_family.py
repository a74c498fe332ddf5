from typing import Literal

TreatmentFamily = Literal["behavioral", "interventional", "medication", "restorative"]

TREATMENT_FAMILY_VALUES: set[TreatmentFamily] = {
    "behavioral",
    "interventional",
    "medication",
    "restorative",
}


def check_treatment_family(value: str) -> TreatmentFamily:
    if value in TREATMENT_FAMILY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TREATMENT_FAMILY_VALUES!r}")
