from typing import Literal

ConditionResultBand = Literal["likely", "possible", "unlikely"]

CONDITION_RESULT_BAND_VALUES: set[ConditionResultBand] = {
    "likely",
    "possible",
    "unlikely",
}


def check_condition_result_band(value: str) -> ConditionResultBand:
    if value in CONDITION_RESULT_BAND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONDITION_RESULT_BAND_VALUES!r}")
