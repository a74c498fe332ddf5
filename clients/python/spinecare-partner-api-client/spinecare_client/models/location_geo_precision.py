from typing import Literal

LocationGeoPrecision = Literal["city_centroid", "exact", "zip_centroid"]

LOCATION_GEO_PRECISION_VALUES: set[LocationGeoPrecision] = {
    "city_centroid",
    "exact",
    "zip_centroid",
}


def check_location_geo_precision(value: str) -> LocationGeoPrecision:
    if value in LOCATION_GEO_PRECISION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LOCATION_GEO_PRECISION_VALUES!r}")
