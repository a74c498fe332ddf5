from typing import Literal

SearchPhysiciansUnit = Literal["km", "mi"]

SEARCH_PHYSICIANS_UNIT_VALUES: set[SearchPhysiciansUnit] = {
    "km",
    "mi",
}


def check_search_physicians_unit(value: str) -> SearchPhysiciansUnit:
    if value in SEARCH_PHYSICIANS_UNIT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SEARCH_PHYSICIANS_UNIT_VALUES!r}")
