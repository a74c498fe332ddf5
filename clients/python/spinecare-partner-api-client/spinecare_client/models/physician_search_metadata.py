from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.origin import Origin
    from ..models.zero_result_hint import ZeroResultHint


T = TypeVar("T", bound="PhysicianSearchMetadata")


@_attrs_define
class PhysicianSearchMetadata:
    """
    Attributes:
        count (int):
        origin (None | Origin): Null for an NPI lookup without an origin.
        radius (float | None):
        unit (str):
        attribution (None | str | Unset):
        nearest_outside_radius (float | None | Unset): When nothing is in range: distance to the closest match.
        zero_result_hint (None | Unset | ZeroResultHint): On a first page with no results: what to try instead.
    """

    count: int
    origin: None | Origin
    radius: float | None
    unit: str
    attribution: None | str | Unset = UNSET
    nearest_outside_radius: float | None | Unset = UNSET
    zero_result_hint: None | Unset | ZeroResultHint = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.origin import Origin  # noqa: PLC0415
        from ..models.zero_result_hint import ZeroResultHint  # noqa: PLC0415

        count = self.count

        origin: dict[str, Any] | None
        if isinstance(self.origin, Origin):
            origin = self.origin.to_dict()
        else:
            origin = self.origin

        radius: float | None
        radius = self.radius

        unit = self.unit

        attribution: None | str | Unset
        if isinstance(self.attribution, Unset):
            attribution = UNSET
        else:
            attribution = self.attribution

        nearest_outside_radius: float | None | Unset
        if isinstance(self.nearest_outside_radius, Unset):
            nearest_outside_radius = UNSET
        else:
            nearest_outside_radius = self.nearest_outside_radius

        zero_result_hint: dict[str, Any] | None | Unset
        if isinstance(self.zero_result_hint, Unset):
            zero_result_hint = UNSET
        elif isinstance(self.zero_result_hint, ZeroResultHint):
            zero_result_hint = self.zero_result_hint.to_dict()
        else:
            zero_result_hint = self.zero_result_hint

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "count": count,
                "origin": origin,
                "radius": radius,
                "unit": unit,
            }
        )
        if attribution is not UNSET:
            field_dict["attribution"] = attribution
        if nearest_outside_radius is not UNSET:
            field_dict["nearest_outside_radius"] = nearest_outside_radius
        if zero_result_hint is not UNSET:
            field_dict["zero_result_hint"] = zero_result_hint

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.origin import Origin  # noqa: PLC0415
        from ..models.zero_result_hint import ZeroResultHint  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        def _parse_origin(data: object) -> None | Origin:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                origin_type_0 = Origin.from_dict(data)

                return origin_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Origin, data)

        origin = _parse_origin(d.pop("origin"))

        def _parse_radius(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        radius = _parse_radius(d.pop("radius"))

        unit = d.pop("unit")

        def _parse_attribution(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        attribution = _parse_attribution(d.pop("attribution", UNSET))

        def _parse_nearest_outside_radius(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        nearest_outside_radius = _parse_nearest_outside_radius(d.pop("nearest_outside_radius", UNSET))

        def _parse_zero_result_hint(data: object) -> None | Unset | ZeroResultHint:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                zero_result_hint_type_0 = ZeroResultHint.from_dict(data)

                return zero_result_hint_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | ZeroResultHint, data)

        zero_result_hint = _parse_zero_result_hint(d.pop("zero_result_hint", UNSET))

        physician_search_metadata = cls(
            count=count,
            origin=origin,
            radius=radius,
            unit=unit,
            attribution=attribution,
            nearest_outside_radius=nearest_outside_radius,
            zero_result_hint=zero_result_hint,
        )

        return physician_search_metadata
