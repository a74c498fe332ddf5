from typing import Literal

ProviderDetailGenderType3Type1 = Literal["female", "male", "nonbinary"]

PROVIDER_DETAIL_GENDER_TYPE_3_TYPE_1_VALUES: set[ProviderDetailGenderType3Type1] = {
    "female",
    "male",
    "nonbinary",
}


def check_provider_detail_gender_type_3_type_1(value: str) -> ProviderDetailGenderType3Type1:
    if value in PROVIDER_DETAIL_GENDER_TYPE_3_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PROVIDER_DETAIL_GENDER_TYPE_3_TYPE_1_VALUES!r}")
