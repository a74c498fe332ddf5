from typing import Literal

ListTreatmentsFamily = Literal["behavioral", "interventional", "medication", "restorative"]

LIST_TREATMENTS_FAMILY_VALUES: set[ListTreatmentsFamily] = {
    "behavioral",
    "interventional",
    "medication",
    "restorative",
}


def check_list_treatments_family(value: str) -> ListTreatmentsFamily:
    if value in LIST_TREATMENTS_FAMILY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_TREATMENTS_FAMILY_VALUES!r}")
