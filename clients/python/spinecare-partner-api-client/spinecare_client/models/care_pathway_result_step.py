from typing import Literal

CarePathwayResultStep = Literal[
    "continue_conservative_until_12_weeks",
    "out_of_scope",
    "primary_care_physio",
    "red_flag_escalation",
    "red_flag_screening",
    "self_management_education",
    "specialist_pain_or_spine_referral",
]

CARE_PATHWAY_RESULT_STEP_VALUES: set[CarePathwayResultStep] = {
    "continue_conservative_until_12_weeks",
    "out_of_scope",
    "primary_care_physio",
    "red_flag_escalation",
    "red_flag_screening",
    "self_management_education",
    "specialist_pain_or_spine_referral",
}


def check_care_pathway_result_step(value: str) -> CarePathwayResultStep:
    if value in CARE_PATHWAY_RESULT_STEP_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CARE_PATHWAY_RESULT_STEP_VALUES!r}")
