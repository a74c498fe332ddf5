from typing import Literal

ChangeChange = Literal["upserted", "withdrawn"]

CHANGE_CHANGE_VALUES: set[ChangeChange] = {
    "upserted",
    "withdrawn",
}


def check_change_change(value: str) -> ChangeChange:
    if value in CHANGE_CHANGE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHANGE_CHANGE_VALUES!r}")
