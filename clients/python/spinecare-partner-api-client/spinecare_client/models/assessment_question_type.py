from typing import Literal

AssessmentQuestionType = Literal["boolean", "integer", "multi", "single"]

ASSESSMENT_QUESTION_TYPE_VALUES: set[AssessmentQuestionType] = {
    "boolean",
    "integer",
    "multi",
    "single",
}


def check_assessment_question_type(value: str) -> AssessmentQuestionType:
    if value in ASSESSMENT_QUESTION_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ASSESSMENT_QUESTION_TYPE_VALUES!r}")
