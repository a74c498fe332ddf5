from typing import Literal

OriginPrecision = Literal["city_centroid", "exact", "zip_centroid"]

ORIGIN_PRECISION_VALUES: set[OriginPrecision] = {
    "city_centroid",
    "exact",
    "zip_centroid",
}


def check_origin_precision(value: str) -> OriginPrecision:
    if value in ORIGIN_PRECISION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ORIGIN_PRECISION_VALUES!r}")
