from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.location import Location
    from ..models.provider import Provider


T = TypeVar("T", bound="PhysicianResult")


@_attrs_define
class PhysicianResult:
    """
    Attributes:
        distance (float | None): In the requested unit; null for an NPI lookup (no origin).
        location (Location):
        provider (Provider):
    """

    distance: float | None
    location: Location
    provider: Provider

    def to_dict(self) -> dict[str, Any]:
        distance: float | None
        distance = self.distance

        location = self.location.to_dict()

        provider = self.provider.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "distance": distance,
                "location": location,
                "provider": provider,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.location import Location  # noqa: PLC0415
        from ..models.provider import Provider  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_distance(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        distance = _parse_distance(d.pop("distance"))

        location = Location.from_dict(d.pop("location"))

        provider = Provider.from_dict(d.pop("provider"))

        physician_result = cls(
            distance=distance,
            location=location,
            provider=provider,
        )

        return physician_result
