from typing import Literal

AnswerWarningCode = Literal["contradictory_answers"]

ANSWER_WARNING_CODE_VALUES: set[AnswerWarningCode] = {
    "contradictory_answers",
}


def check_answer_warning_code(value: str) -> AnswerWarningCode:
    if value in ANSWER_WARNING_CODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ANSWER_WARNING_CODE_VALUES!r}")
