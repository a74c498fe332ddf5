from typing import Literal

ProviderGenderType2Type1 = Literal["female", "male", "nonbinary"]

PROVIDER_GENDER_TYPE_2_TYPE_1_VALUES: set[ProviderGenderType2Type1] = {
    "female",
    "male",
    "nonbinary",
}


def check_provider_gender_type_2_type_1(value: str) -> ProviderGenderType2Type1:
    if value in PROVIDER_GENDER_TYPE_2_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PROVIDER_GENDER_TYPE_2_TYPE_1_VALUES!r}")
