from typing import Literal

OriginMethod = Literal["city", "coordinates", "zip"]

ORIGIN_METHOD_VALUES: set[OriginMethod] = {
    "city",
    "coordinates",
    "zip",
}


def check_origin_method(value: str) -> OriginMethod:
    if value in ORIGIN_METHOD_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ORIGIN_METHOD_VALUES!r}")
