from typing import Literal

ProviderGenderType1 = Literal["female", "male", "nonbinary"]

PROVIDER_GENDER_TYPE_1_VALUES: set[ProviderGenderType1] = {
    "female",
    "male",
    "nonbinary",
}


def check_provider_gender_type_1(value: str) -> ProviderGenderType1:
    if value in PROVIDER_GENDER_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PROVIDER_GENDER_TYPE_1_VALUES!r}")
