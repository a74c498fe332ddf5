from typing import Literal

CarePathwayResultPathwayStepType0 = Literal["conservative_care", "self_care", "specialist_consultation"]

CARE_PATHWAY_RESULT_PATHWAY_STEP_TYPE_0_VALUES: set[CarePathwayResultPathwayStepType0] = {
    "conservative_care",
    "self_care",
    "specialist_consultation",
}


def check_care_pathway_result_pathway_step_type_0(value: str) -> CarePathwayResultPathwayStepType0:
    if value in CARE_PATHWAY_RESULT_PATHWAY_STEP_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CARE_PATHWAY_RESULT_PATHWAY_STEP_TYPE_0_VALUES!r}")
