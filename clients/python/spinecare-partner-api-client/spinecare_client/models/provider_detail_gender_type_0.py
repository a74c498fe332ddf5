from typing import Literal

ProviderDetailGenderType0 = Literal["female", "male", "nonbinary"]

PROVIDER_DETAIL_GENDER_TYPE_0_VALUES: set[ProviderDetailGenderType0] = {
    "female",
    "male",
    "nonbinary",
}


def check_provider_detail_gender_type_0(value: str) -> ProviderDetailGenderType0:
    if value in PROVIDER_DETAIL_GENDER_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PROVIDER_DETAIL_GENDER_TYPE_0_VALUES!r}")
