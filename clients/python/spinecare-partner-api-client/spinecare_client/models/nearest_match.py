from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.provider_reference import ProviderReference


T = TypeVar("T", bound="NearestMatch")


@_attrs_define
class NearestMatch:
    """
    Attributes:
        distance (float): In the requested unit.
        provider (ProviderReference):
    """

    distance: float
    provider: ProviderReference

    def to_dict(self) -> dict[str, Any]:
        distance = self.distance

        provider = self.provider.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "distance": distance,
                "provider": provider,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.provider_reference import ProviderReference  # noqa: PLC0415

        d = dict(src_dict)
        distance = d.pop("distance")

        provider = ProviderReference.from_dict(d.pop("provider"))

        nearest_match = cls(
            distance=distance,
            provider=provider,
        )

        return nearest_match
