from typing import Literal

UrgencyTriggerUrgency = Literal[
    "emergency_ambulance",
    "emergency_department",
    "routine_consultation",
    "see_doctor_soon",
    "self_care",
    "urgent_same_day",
]

URGENCY_TRIGGER_URGENCY_VALUES: set[UrgencyTriggerUrgency] = {
    "emergency_ambulance",
    "emergency_department",
    "routine_consultation",
    "see_doctor_soon",
    "self_care",
    "urgent_same_day",
}


def check_urgency_trigger_urgency(value: str) -> UrgencyTriggerUrgency:
    if value in URGENCY_TRIGGER_URGENCY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {URGENCY_TRIGGER_URGENCY_VALUES!r}")
