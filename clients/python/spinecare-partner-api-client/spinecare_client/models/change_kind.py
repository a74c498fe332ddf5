from typing import Literal

ChangeKind = Literal["care_pathway", "condition", "treatment"]

CHANGE_KIND_VALUES: set[ChangeKind] = {
    "care_pathway",
    "condition",
    "treatment",
}


def check_change_kind(value: str) -> ChangeKind:
    if value in CHANGE_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHANGE_KIND_VALUES!r}")
