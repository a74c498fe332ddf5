from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nearest_match import NearestMatch


T = TypeVar("T", bound="ZeroResultHint")


@_attrs_define
class ZeroResultHint:
    """
    Attributes:
        message (str): The hint in a sentence.
        nearest (NearestMatch | None | Unset): The closest match anywhere; null when nothing matches.
        suggested_radius (float | None | Unset): A radius (whole units) that reaches `nearest`; null when it is farther
            than the maximum, 250 mi.
    """

    message: str
    nearest: NearestMatch | None | Unset = UNSET
    suggested_radius: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.nearest_match import NearestMatch  # noqa: PLC0415

        message = self.message

        nearest: dict[str, Any] | None | Unset
        if isinstance(self.nearest, Unset):
            nearest = UNSET
        elif isinstance(self.nearest, NearestMatch):
            nearest = self.nearest.to_dict()
        else:
            nearest = self.nearest

        suggested_radius: float | None | Unset
        if isinstance(self.suggested_radius, Unset):
            suggested_radius = UNSET
        else:
            suggested_radius = self.suggested_radius

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "message": message,
            }
        )
        if nearest is not UNSET:
            field_dict["nearest"] = nearest
        if suggested_radius is not UNSET:
            field_dict["suggested_radius"] = suggested_radius

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.nearest_match import NearestMatch  # noqa: PLC0415

        d = dict(src_dict)
        message = d.pop("message")

        def _parse_nearest(data: object) -> NearestMatch | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                nearest_type_0 = NearestMatch.from_dict(data)

                return nearest_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NearestMatch | None | Unset, data)

        nearest = _parse_nearest(d.pop("nearest", UNSET))

        def _parse_suggested_radius(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        suggested_radius = _parse_suggested_radius(d.pop("suggested_radius", UNSET))

        zero_result_hint = cls(
            message=message,
            nearest=nearest,
            suggested_radius=suggested_radius,
        )

        return zero_result_hint
