from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.origin import Origin


T = TypeVar("T", bound="PhysicianSearchMetadata")


@_attrs_define
class PhysicianSearchMetadata:
    """
    Attributes:
        count (int):
        origin (Origin):
        radius (float):
        unit (str):
        attribution (None | str | Unset):
        nearest_outside_radius (float | None | Unset): When nothing is in range: distance to the closest match.
    """

    count: int
    origin: Origin
    radius: float
    unit: str
    attribution: None | str | Unset = UNSET
    nearest_outside_radius: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        origin = self.origin.to_dict()

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.origin import Origin  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        origin = Origin.from_dict(d.pop("origin"))

        radius = d.pop("radius")

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

        physician_search_metadata = cls(
            count=count,
            origin=origin,
            radius=radius,
            unit=unit,
            attribution=attribution,
            nearest_outside_radius=nearest_outside_radius,
        )

        return physician_search_metadata
