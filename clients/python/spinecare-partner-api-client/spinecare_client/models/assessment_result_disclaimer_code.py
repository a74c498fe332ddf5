from typing import Literal

AssessmentResultDisclaimerCode = Literal["not_diagnosis"]

ASSESSMENT_RESULT_DISCLAIMER_CODE_VALUES: set[AssessmentResultDisclaimerCode] = {
    "not_diagnosis",
}


def check_assessment_result_disclaimer_code(value: str) -> AssessmentResultDisclaimerCode:
    if value in ASSESSMENT_RESULT_DISCLAIMER_CODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ASSESSMENT_RESULT_DISCLAIMER_CODE_VALUES!r}")
