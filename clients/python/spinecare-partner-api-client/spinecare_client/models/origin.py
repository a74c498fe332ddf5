from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.origin_method import OriginMethod, check_origin_method
from ..models.origin_precision import OriginPrecision, check_origin_precision
from ..types import UNSET, Unset

T = TypeVar("T", bound="Origin")


@_attrs_define
class Origin:
    """
    Attributes:
        lat (float):
        lon (float):
        method (OriginMethod): How the origin was given: `zip`, `city`+`state`, or `lat`+`lon`.
        precision (OriginPrecision): `zip_centroid`: the ZIP's centroid; `city_centroid`: its city's, for a live ZIP the
            centroid data has no location for; `exact`: the coordinates given.
        city (None | str | Unset): The ZIP's or the city's.
        state (None | str | Unset):
        zip_ (None | str | Unset):
    """

    lat: float
    lon: float
    method: OriginMethod
    precision: OriginPrecision
    city: None | str | Unset = UNSET
    state: None | str | Unset = UNSET
    zip_: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        lat = self.lat

        lon = self.lon

        method: str = self.method

        precision: str = self.precision

        city: None | str | Unset
        if isinstance(self.city, Unset):
            city = UNSET
        else:
            city = self.city

        state: None | str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        else:
            state = self.state

        zip_: None | str | Unset
        if isinstance(self.zip_, Unset):
            zip_ = UNSET
        else:
            zip_ = self.zip_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "lat": lat,
                "lon": lon,
                "method": method,
                "precision": precision,
            }
        )
        if city is not UNSET:
            field_dict["city"] = city
        if state is not UNSET:
            field_dict["state"] = state
        if zip_ is not UNSET:
            field_dict["zip"] = zip_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        lat = d.pop("lat")

        lon = d.pop("lon")

        method = check_origin_method(d.pop("method"))

        precision = check_origin_precision(d.pop("precision"))

        def _parse_city(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        city = _parse_city(d.pop("city", UNSET))

        def _parse_state(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        def _parse_zip_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        zip_ = _parse_zip_(d.pop("zip", UNSET))

        origin = cls(
            lat=lat,
            lon=lon,
            method=method,
            precision=precision,
            city=city,
            state=state,
            zip_=zip_,
        )

        return origin
