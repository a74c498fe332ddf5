from typing import Literal

AssessmentUrgencyMinimumLevelType0 = Literal[
    "emergency_ambulance",
    "emergency_department",
    "routine_consultation",
    "see_doctor_soon",
    "self_care",
    "urgent_same_day",
]

ASSESSMENT_URGENCY_MINIMUM_LEVEL_TYPE_0_VALUES: set[AssessmentUrgencyMinimumLevelType0] = {
    "emergency_ambulance",
    "emergency_department",
    "routine_consultation",
    "see_doctor_soon",
    "self_care",
    "urgent_same_day",
}


def check_assessment_urgency_minimum_level_type_0(value: str) -> AssessmentUrgencyMinimumLevelType0:
    if value in ASSESSMENT_URGENCY_MINIMUM_LEVEL_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ASSESSMENT_URGENCY_MINIMUM_LEVEL_TYPE_0_VALUES!r}")
