from typing import Literal

ProviderGenderType0 = Literal["female", "male", "nonbinary"]

PROVIDER_GENDER_TYPE_0_VALUES: set[ProviderGenderType0] = {
    "female",
    "male",
    "nonbinary",
}


def check_provider_gender_type_0(value: str) -> ProviderGenderType0:
    if value in PROVIDER_GENDER_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PROVIDER_GENDER_TYPE_0_VALUES!r}")
