from typing import Literal

AssessmentUrgencyMinimumLevelType3Type1 = Literal[
    "emergency_ambulance",
    "emergency_department",
    "routine_consultation",
    "see_doctor_soon",
    "self_care",
    "urgent_same_day",
]

ASSESSMENT_URGENCY_MINIMUM_LEVEL_TYPE_3_TYPE_1_VALUES: set[AssessmentUrgencyMinimumLevelType3Type1] = {
    "emergency_ambulance",
    "emergency_department",
    "routine_consultation",
    "see_doctor_soon",
    "self_care",
    "urgent_same_day",
}


def check_assessment_urgency_minimum_level_type_3_type_1(value: str) -> AssessmentUrgencyMinimumLevelType3Type1:
    if value in ASSESSMENT_URGENCY_MINIMUM_LEVEL_TYPE_3_TYPE_1_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ASSESSMENT_URGENCY_MINIMUM_LEVEL_TYPE_3_TYPE_1_VALUES!r}"
    )
