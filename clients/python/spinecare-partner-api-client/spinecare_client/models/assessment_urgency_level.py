from typing import Literal

AssessmentUrgencyLevel = Literal[
    "emergency_ambulance",
    "emergency_department",
    "routine_consultation",
    "screening_incomplete",
    "see_doctor_soon",
    "self_care",
    "urgent_same_day",
]

ASSESSMENT_URGENCY_LEVEL_VALUES: set[AssessmentUrgencyLevel] = {
    "emergency_ambulance",
    "emergency_department",
    "routine_consultation",
    "screening_incomplete",
    "see_doctor_soon",
    "self_care",
    "urgent_same_day",
}


def check_assessment_urgency_level(value: str) -> AssessmentUrgencyLevel:
    if value in ASSESSMENT_URGENCY_LEVEL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ASSESSMENT_URGENCY_LEVEL_VALUES!r}")
