from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="LocatorFilter")


@_attrs_define
class LocatorFilter:
    """
    Attributes:
        specialty (list[str]): NUCC codes.
        therapy (list[str]): Treatment slugs.
    """

    specialty: list[str]
    therapy: list[str]

    def to_dict(self) -> dict[str, Any]:
        specialty = self.specialty

        therapy = self.therapy

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "specialty": specialty,
                "therapy": therapy,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        specialty = cast(list[str], d.pop("specialty"))

        therapy = cast(list[str], d.pop("therapy"))

        locator_filter = cls(
            specialty=specialty,
            therapy=therapy,
        )

        return locator_filter
