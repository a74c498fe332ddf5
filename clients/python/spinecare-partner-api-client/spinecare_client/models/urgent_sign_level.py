from typing import Literal

UrgentSignLevel = Literal["emergency_ambulance", "emergency_department", "urgent_same_day"]

URGENT_SIGN_LEVEL_VALUES: set[UrgentSignLevel] = {
    "emergency_ambulance",
    "emergency_department",
    "urgent_same_day",
}


def check_urgent_sign_level(value: str) -> UrgentSignLevel:
    if value in URGENT_SIGN_LEVEL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {URGENT_SIGN_LEVEL_VALUES!r}")
